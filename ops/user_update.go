package ops

import (
	"context"
	"errors"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// UpdateUser saves an account's profile: names, email, language, time zone,
// currency and user type. The actor must hold all the account holds, before
// and after (switching a read-only account to standard wakes its roles up).
func (o *Ops) UpdateUser(ctx context.Context, p Principal, id int64, f form.User) (store.Account, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return a, err
	}
	f.Normalize()
	errs := f.Validate(ctx, false)
	if a.Kind == "service" && f.UserType != a.UserType {
		errs["user_type"] = i18n.T(ctx, "api_err_service_type")
	}
	if err := invalid(errs); err != nil {
		return a, err
	}
	updated, err := o.st.UpdateProfile(ctx, p.by(manage(a), true), id, store.Profile{FirstName: f.FirstName, LastName: f.LastName,
		Email: f.Email, Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType})
	if errors.Is(err, errAdminOnly) && f.UserType != a.UserType {
		return updated, typeRefused(ctx) // the type asked for, or the one it had, is an Admin
	}
	return updated, lockRefused(err)
}

// manage is the permission changing a: people are users.manage's, an
// application's account apikeys.manage's.
func manage(a store.Account) auth.Permission {
	if a.Kind == "service" {
		return auth.APIKeysManage
	}
	return auth.UsersManage
}

// SetStatus activates or deactivates an account (not one's own).
func (o *Ops) SetStatus(ctx context.Context, p Principal, id int64, status string) (store.Account, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return a, err
	}
	if status != "active" && status != "deactivated" {
		return a, fieldError(ctx, "status", "err_choice")
	}
	if a.ID == p.AccountID {
		return a, errSelf
	}
	a, err = o.st.SetStatus(ctx, p.by(manage(a), true), id, status)
	return a, lockRefused(err)
}

// SetRoles replaces an account's direct roles; roles through groups stay.
func (o *Ops) SetRoles(ctx context.Context, p Principal, id int64, roleIDs []int64) error {
	roles, err := IDs(ctx, "role_ids", roleIDs)
	if err != nil {
		return err
	}
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return err
	}
	return o.st.SetRoles(ctx, p.by(manage(a), true), id, roles)
}

// SetContactEmail sets (or clears, with "") where notifications go; a new
// address is mailed a link to confirm it.
func (o *Ops) SetContactEmail(ctx context.Context, p Principal, id int64, email string) (store.Account, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil || email == a.ContactEmail {
		return a, err
	}
	var link *store.Link
	if email != "" {
		if !form.ValidEmail(email) || len(email) > 254 {
			return a, fieldError(ctx, "contact_email", "err_email")
		}
		a.ContactEmail = email
		l, err := o.links.Link(ctx, p, a, "contact")
		if err != nil {
			return a, err
		}
		link = &l
	}
	if err := o.st.SetContactEmail(ctx, p.by(manage(a), true), id, email, link); err != nil {
		return a, err
	}
	if link != nil {
		o.links.Queued()
	}
	return o.st.Account(ctx, p.TenantID, id)
}
