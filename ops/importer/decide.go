package importer

import (
	"context"
	"slices"
	"time"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// action is what a row asks of the operations.
type action struct {
	create   *form.User // a new person
	id       int64      // the person updated
	profile  *form.User // their new profile; nil: as it is
	roles    []int64    // their new direct roles, when setRoles
	setRoles bool
	join     []int64 // the groups they join
	expires  string  // when their account ends, when it changes
}

// fail makes r an error with reason.
func fail(r *Planned, reason, detail string) {
	r.Kind, r.Reason, r.Detail = Failed, reason, detail
}

// one decides r against sc and runs what it asks through the operations
// (under ctx: a rehearsal while planning, for real when applying). An
// operation's refusal makes r an error; the error returned is the
// database's.
func (pl *Planner) one(ctx context.Context, sc *scope, r *Planned) error {
	if sc.refused != "" {
		fail(r, sc.refused, r.In.Tenant)
		return nil
	}
	act, ok := decide(sc, r)
	if !ok {
		return nil
	}
	err := pl.run(ctx, sc, act)
	if reason, detail, fields, refused := refusal(err); refused {
		fail(r, reason, detail)
		r.Fields = fields
		return nil
	} else if err != nil {
		return err
	}
	return nil
}

// decide works out r's kind and action; false when there is nothing to run
// (unchanged, or refused before asking the operations).
func decide(sc *scope, r *Planned) (action, bool) {
	in := r.In
	roles, bad := resolve(sc.roles, in.Roles)
	if bad != "" {
		fail(r, "import_err_unknown_role", bad)
		return action{}, false
	}
	groups, bad := resolve(sc.groups, in.Groups)
	if bad != "" {
		fail(r, "import_err_unknown_group", bad)
		return action{}, false
	}
	byLogin, okLogin := sc.byLogin[in.Login]
	byEmail, okEmail := sc.byEmail[in.Email]
	switch {
	case in.Login == "" && in.Email == "":
		fail(r, "import_err_no_key", "")
		return action{}, false
	case okLogin && okEmail && byLogin.ID != byEmail.ID:
		fail(r, "import_err_mismatch", in.Email)
		return action{}, false
	case !okLogin && okEmail && in.Login != "":
		fail(r, "import_err_login_differs", byEmail.Login)
		return action{}, false
	case !okLogin && !okEmail:
		return create(r, roles, groups)
	}
	a := byLogin
	if !okLogin {
		a = byEmail
	}
	return update(sc, r, a, roles, groups)
}

// create plans a new person: the login is the email's when the file has none.
func create(r *Planned, roles, groups []int64) (action, bool) {
	in := r.In
	f := form.User{Login: in.Login, FirstName: in.FirstName, LastName: in.LastName, Email: in.Email,
		Language: or(in.Language, "browser"), TimeZone: in.TimeZone, Currency: in.Currency,
		UserType: or(in.UserType, "standard"), AuthMethod: or(in.Method, "password"), Status: "active",
		RoleIDs: roles, GroupIDs: groups, ExpiresAt: in.Expires}
	if f.Login == "" {
		f.Login = in.Email
	}
	r.Kind = Create
	return action{create: &f}, true
}

// update plans the changes to a: the fields the file fills, the direct
// roles when it lists some, the groups it lists that a is not in.
func update(sc *scope, r *Planned, a store.Account, roles, groups []int64) (action, bool) {
	in := r.In
	r.AccountID = a.ID
	if a.Kind != "user" {
		fail(r, "import_err_service", a.Login)
		return action{}, false
	}
	if in.Method != "" && in.Method != a.AuthMethod {
		fail(r, "import_err_method_fixed", a.AuthMethod)
		return action{}, false
	}
	f := form.User{FirstName: or(in.FirstName, a.FirstName), LastName: or(in.LastName, a.LastName),
		Email: or(in.Email, a.Email), Language: or(in.Language, a.Language), TimeZone: or(in.TimeZone, a.TimeZone),
		Currency: or(in.Currency, a.Currency), UserType: or(in.UserType, a.UserType)}
	f.Normalize()
	act := action{id: a.ID}
	if f.FirstName != a.FirstName || f.LastName != a.LastName || f.Email != a.Email || f.Language != a.Language ||
		f.TimeZone != a.TimeZone || f.Currency != a.Currency || f.UserType != a.UserType {
		act.profile = &f
	}
	if in.Roles != nil && !slices.Equal(roles, sc.roleIDs[a.ID]) {
		act.roles, act.setRoles = roles, true
	}
	for _, g := range groups {
		if !slices.Contains(sc.inGroup[a.ID], g) {
			act.join = append(act.join, g)
		}
	}
	if in.Expires != "" && !sameDay(in.Expires, a.ExpiresAt) {
		act.expires = in.Expires
	}
	if act.profile == nil && !act.setRoles && len(act.join) == 0 && act.expires == "" {
		r.Kind = Unchanged
		return act, false
	}
	r.Kind = Update
	return act, true
}

// sameDay reports whether the file's end date is the account's end: a date
// is the start of that day, UTC (as the console's date field).
func sameDay(s string, at time.Time) bool {
	t, ok := ops.ParseExpiry(s)
	return ok && t.Equal(at) // unreadable: for the operation to refuse
}

// resolve finds each name's id (folded), sorted; bad is the first unknown.
func resolve(ids map[string]int64, names []string) (out []int64, bad string) {
	for _, n := range names {
		id, ok := ids[fold(n)]
		if !ok {
			return nil, n
		}
		out = append(out, id)
	}
	slices.Sort(out)
	return slices.Compact(out), ""
}

func or(v, dflt string) string {
	if v == "" {
		return dflt
	}
	return v
}
