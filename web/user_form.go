package web

import (
	"context"
	"errors"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// bindUserForm reads the create and edit form; form.User validates it.
func bindUserForm(c echo.Context) form.User {
	f := form.User{Login: c.FormValue("login"), FirstName: c.FormValue("first_name"), LastName: c.FormValue("last_name"),
		Email: c.FormValue("email"), Language: c.FormValue("language"), TimeZone: c.FormValue("time_zone"),
		Currency: c.FormValue("currency"), UserType: c.FormValue("user_type"), AuthMethod: c.FormValue("auth_method"),
		Status: c.FormValue("status"), Password: c.FormValue("password"), ExpiresAt: c.FormValue("expires_at")}
	f.Normalize()
	f.RoleIDs, f.BadRole = postedIDs(c, "role")
	return f
}

// conflictMessage names the field a duplicate collided on.
func conflictMessage(ctx context.Context, c *store.Conflict) (string, string) {
	if c.Field == "login" {
		return "login", i18n.T(ctx, "err_login_taken")
	}
	return "email", i18n.T(ctx, "err_email_taken")
}

// formVM turns a posted form back into the view model, to re-render it with its errors.
func formVM(ctx context.Context, f form.User, roles []store.Role, errs map[string]string) views.UserForm {
	vm := views.UserForm{Login: f.Login, FirstName: f.FirstName, LastName: f.LastName, Email: f.Email,
		Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType,
		AuthMethod: f.AuthMethod, Status: f.Status, Errors: errs, Password: f.Password, ExpiresAt: f.ExpiresAt}
	vm.Roles = roleOptions(ctx, roles, f.RoleIDs)
	return vm
}

func roleOptions(ctx context.Context, roles []store.Role, held []int64) []views.Option {
	out := make([]views.Option, 0, len(roles))
	for _, r := range roles {
		checked := false
		for _, id := range held {
			checked = checked || id == r.ID
		}
		out = append(out, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: roleLabel(ctx, r.BuiltinKey, r.Name), Checked: checked})
	}
	return out
}

// consoleFields renames the operations' field names to the console forms'.
var consoleFields = map[string]string{"role_ids": "roles", "group_ids": "groups"}

// userFieldErrors turns an operation's refusal of fields (or a login or email
// taken, or an unknown role or group) into the form's messages; any other
// error comes back as it is.
func userFieldErrors(ctx context.Context, err error) (map[string]string, error) {
	errs := map[string]string{}
	var conflict *store.Conflict
	switch e, ok := ops.As(err); {
	case ok && len(e.Fields) > 0:
		for k, v := range e.Fields {
			if r, ok := consoleFields[k]; ok {
				k = r
			}
			errs[k] = v
		}
	case errors.As(err, &conflict):
		field, msg := conflictMessage(ctx, conflict)
		errs[field] = msg
	case errors.Is(err, store.ErrUnknownRole):
		errs["roles"] = i18n.T(ctx, "err_unknown_role")
	case errors.Is(err, store.ErrUnknownGroup):
		errs["groups"] = i18n.T(ctx, "err_unknown_group")
	default:
		return nil, err
	}
	return errs, nil
}
