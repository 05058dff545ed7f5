package ops

import (
	"context"
	"errors"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// The tenant tree: tenants.manage in the tenant acted in manages the tenants
// below it, never the tenant itself (its own name and settings change on its
// settings page) nor anything outside its subtree, which looks like nothing.

// CreateTenant creates a customer or sub-tenant below the tenant acted in (or
// below one of its descendants: f.ParentID, 0 for the tenant acted in) with
// the built-in roles and, in the same transaction, its first administrator:
// an invited person (pending, user type Admin, Tenant Administrator, mailed
// an invitation) or an existing person of the tenant acted in pushed down as
// Tenant Administrator (one the actor may act for).
func (o *Ops) CreateTenant(ctx context.Context, p Principal, f form.Tenant) (store.Tenant, error) {
	f.Normalize()
	if err := invalid(f.Validate(ctx, true)); err != nil {
		return store.Tenant{}, err
	}
	if f.ParentID == 0 {
		f.ParentID = p.TenantID
	}
	n := store.NewTenant{Name: f.Name, Slug: f.Slug, ParentID: f.ParentID, TimeZone: f.TimeZone, Currency: f.Currency,
		Roles: auth.BuiltinRoles(), AdminID: f.AdminAccountID}
	if f.AdminEmail != "" {
		login := f.AdminEmail[:min(len(f.AdminEmail), 64)]
		// The invitation is to the new tenant, named in its mail.
		inv, err := o.invitation(withMailTenant(ctx, f.Name), p, form.User{Login: login, FirstName: f.AdminFirstName, LastName: f.AdminLastName,
			Email: f.AdminEmail, Language: "browser", TimeZone: f.TimeZone, Currency: f.Currency, UserType: "admin"})
		if err != nil {
			return store.Tenant{}, err
		}
		n.Invite = &inv
	}
	t, err := o.st.AddTenant(ctx, p.by(auth.TenantsManage, true), n)
	if err != nil {
		return t, tenantRefused(ctx, err)
	}
	if n.Invite != nil {
		o.links.Queued()
	}
	return t, nil
}

// UpdateTenant renames a tenant below the tenant acted in, changes its time
// zone and currency, or moves it under another tenant of the subtree (never
// below itself). The tenant acted in may be renamed and its defaults changed
// (with tenant.settings, as on its settings page) but not moved.
func (o *Ops) UpdateTenant(ctx context.Context, p Principal, id int64, f form.Tenant) (store.Tenant, error) {
	f.Normalize()
	if err := invalid(f.Validate(ctx, false)); err != nil {
		return store.Tenant{}, err
	}
	need := auth.TenantsManage
	if id == p.TenantID {
		need = auth.TenantSettings // the tenant's own name and defaults are its settings
	}
	t, err := o.st.UpdateTenant(ctx, p.by(need, false), id,
		store.TenantChange{Name: f.Name, ParentID: f.ParentID, TimeZone: f.TimeZone, Currency: f.Currency})
	if errors.Is(err, store.ErrTenantSelf) {
		return t, &Error{Kind: Conflict, Key: "err_tenant_move_self",
			Fields: map[string]string{"parent_id": i18n.T(ctx, "err_tenant_move_self")}}
	}
	return t, tenantRefused(ctx, err)
}

// DeactivateTenant deactivates a tenant strictly below the tenant acted in,
// with its whole subtree: their people cannot sign in, their sessions and
// keys stop working, members acting there are refused; nothing is deleted.
func (o *Ops) DeactivateTenant(ctx context.Context, p Principal, id int64) (store.Tenant, error) {
	t, err := o.st.SetTenantStatus(ctx, p.by(auth.TenantsManage, false), id, "deactivated")
	return t, tenantRefused(ctx, err)
}

// ActivateTenant reactivates a tenant below the tenant acted in: what
// deactivating stopped works again (unless an ancestor is still deactivated).
func (o *Ops) ActivateTenant(ctx context.Context, p Principal, id int64) (store.Tenant, error) {
	t, err := o.st.SetTenantStatus(ctx, p.by(auth.TenantsManage, false), id, "active")
	return t, tenantRefused(ctx, err)
}

// tenantRefused says a store refusal of a tenant change as the field it is about.
func tenantRefused(ctx context.Context, err error) error {
	var c *store.Conflict
	field := func(kind Kind, name, key string) error {
		return &Error{Kind: kind, Key: key, Fields: map[string]string{name: i18n.T(ctx, key)}}
	}
	switch {
	case err == nil:
		return nil
	case errors.As(err, &c) && c.Field == "slug":
		return field(Conflict, "slug", "err_tenant_slug_taken")
	case errors.As(err, &c) && c.Field == "email":
		return field(Invalid, "admin_email", "err_tenant_admin_email_taken")
	case errors.Is(err, store.ErrFirstAdmin):
		return field(Invalid, "admin_account_id", "err_tenant_admin_unknown")
	case errors.Is(err, store.ErrTenantCycle):
		return field(Invalid, "parent_id", "err_tenant_cycle")
	case errors.Is(err, store.ErrTenantMoveMembers):
		return field(Conflict, "parent_id", "err_tenant_move_members")
	case errors.Is(err, store.ErrTenantSelf):
		return refuse(Conflict, "err_tenant_self")
	case errors.Is(err, errAdminOnly), errors.Is(err, errBeyond), errors.Is(err, errAbove):
		return field(Forbidden, "admin_account_id", "err_tenant_admin_beyond")
	}
	return err
}
