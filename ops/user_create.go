package ops

import (
	"context"
	"maps"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// CreateUser creates a person, in the console and through the API alike: the
// form's validation; roles (and so an Admin) only within the actor's own
// access; groups only with groups.manage and the groups' roles within that
// access. A password account given no password is created pending and
// mailed an activation link to choose one.
func (o *Ops) CreateUser(ctx context.Context, p Principal, f form.User) (store.Account, error) {
	f.Activation = true
	f.Normalize()
	errs := f.Validate(ctx, true)
	// A login or email already taken is reported with the form's other
	// errors, in the same pass, not after them.
	loginTaken, emailTaken, err := o.st.Taken(ctx, p.TenantID, f.Login, f.Email)
	if err != nil {
		return store.Account{}, err
	}
	loginTaken = loginTaken && errs["login"] == ""
	emailTaken = emailTaken && errs["email"] == ""
	if loginTaken {
		errs["login"] = i18n.T(ctx, "err_login_taken")
	}
	if emailTaken {
		errs["email"] = i18n.T(ctx, "err_email_taken")
	}
	expires, err := o.Expiry(ctx, "expires_at", f.ExpiresAt)
	if e, ok := As(err); ok {
		maps.Copy(errs, e.Fields)
	}
	if len(errs) > 0 && len(errs) == btoi(loginTaken)+btoi(emailTaken) {
		// Only taken values: a conflict (409 on the API), naming each.
		return store.Account{}, &Error{Kind: Conflict, Key: "api_err_conflict", Fields: errs}
	}
	if err := invalid(errs); err != nil {
		return store.Account{}, err
	}
	roles, err := IDs(ctx, "role_ids", f.RoleIDs)
	if err != nil {
		return store.Account{}, err
	}
	if f.GroupIDs, err = IDs(ctx, "group_ids", f.GroupIDs); err != nil {
		return store.Account{}, err
	}
	if len(f.GroupIDs) > 0 { // joining a group is groups.manage's, as for someone who exists
		if err := o.mayGive(ctx, p, nil, f.GroupIDs); err != nil {
			return store.Account{}, err
		}
	}
	if _, err := managedInput(ctx, f.Managed, false); err != nil {
		return store.Account{}, err
	}
	n := store.NewAccount{
		Profile: store.Profile{FirstName: f.FirstName, LastName: f.LastName, Email: f.Email, Language: f.Language,
			TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType},
		Login: f.Login, Status: f.Status, AuthMethod: f.AuthMethod, RoleIDs: roles, GroupIDs: f.GroupIDs, ExpiresAt: expires}
	switch {
	case f.AuthMethod != "password":
	case f.Password != "":
		if n.PasswordHash, err = o.hasher.Hash(ctx, f.Password); err != nil {
			return store.Account{}, err
		}
	case f.Status == "active":
		link, err := o.links.Link(ctx, p, store.Account{TenantID: p.TenantID, FirstName: f.FirstName, LastName: f.LastName,
			Email: f.Email, Language: f.Language, Origin: "console"}, "invite")
		if err != nil {
			return store.Account{}, err
		}
		n.Status, n.Link = "pending", &link
	}
	a, err := o.createAccount(ctx, p, n, f.Managed)
	if err != nil {
		return a, lockRefused(grantRefused(ctx, err, f.UserType))
	}
	if n.Link != nil {
		o.links.Queued()
	}
	return a, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
