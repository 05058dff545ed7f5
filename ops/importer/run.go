package importer

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// run asks the operations for act, as sc's principal: each one checks
// permission, act-for, tenant scope and the provider's lock in its own
// transaction, the same rules as the console's forms.
func (pl *Planner) run(ctx context.Context, sc *scope, act action) error {
	p := sc.p
	if act.create != nil {
		_, err := pl.ops.CreateUser(ctx, p, *act.create)
		return err
	}
	if act.expires != "" { // refused before any step is taken, not after the first
		if err := pl.ops.CheckAccountExpiry(ctx, p, act.id, act.expires); err != nil {
			return err
		}
	}
	if act.profile != nil {
		if _, err := pl.ops.UpdateUser(ctx, p, act.id, *act.profile); err != nil {
			return err
		}
	}
	if act.setRoles {
		if err := pl.ops.SetRoles(ctx, p, act.id, act.roles); err != nil {
			return err
		}
	}
	for _, g := range act.join {
		if _, err := pl.ops.AddMembers(ctx, p, g, []int64{act.id}); err != nil {
			return err
		}
	}
	if act.expires != "" {
		return pl.ops.SetAccountExpiry(ctx, p, act.id, act.expires)
	}
	return nil
}

// fieldReasons are the form's fields a refusal names by its own reason
// (import_err_invalid_<field>).
var fieldReasons = []string{"login", "first_name", "last_name", "email", "language", "time_zone", "currency",
	"user_type", "auth_method", "status", "role_ids", "group_ids", "expires_at"}

// refusal reads err as a row's refusal: the operation's key, the fields
// it names, their messages; refused is false for nil and for the
// database's own errors.
func refusal(err error) (reason, detail string, fields map[string]string, refused bool) {
	if err == nil {
		return "", "", nil, false
	}
	if e, ok := ops.As(err); ok {
		names := make([]string, 0, len(e.Fields))
		for f := range e.Fields {
			names = append(names, f)
		}
		slices.Sort(names)
		key := e.Key
		// the reason names the field, so that a job's results say which
		// one without the operation's message
		switch {
		case len(names) == 0:
		case e.Kind == ops.Conflict && (names[0] == "login" || names[0] == "email"):
			key = "import_err_taken_" + names[0]
		case e.Kind == ops.Invalid && slices.Contains(fieldReasons, names[0]):
			key = "import_err_invalid_" + names[0]
		}
		return key, strings.Join(names, ","), e.Fields, true
	}
	var c *store.Conflict
	switch {
	case errors.As(err, &c):
		if c.Field == "" {
			return "api_err_conflict", "", nil, true
		}
		return "err_" + c.Field + "_taken", c.Field, nil, true
	case errors.Is(err, store.ErrNotFound):
		return "import_err_not_found", "", nil, true
	case errors.Is(err, store.ErrUnknownRole):
		return "err_unknown_role", "", nil, true
	case errors.Is(err, store.ErrLastManager):
		return "err_last_manager", "", nil, true
	case errors.Is(err, store.ErrManaged):
		return "scim_err_managed", "", nil, true
	case errors.Is(err, store.ErrExternal):
		return "scim_err_external", "", nil, true
	case errors.Is(err, store.ErrConflict):
		return "api_err_conflict", "", nil, true
	}
	return "", "", nil, false
}
