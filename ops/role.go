package ops

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// CreateRole creates a custom role; a non-Admin puts in it only permissions they hold, module access too.
func (o *Ops) CreateRole(ctx context.Context, p Principal, f form.Role) (int64, error) {
	if err := o.validRole(ctx, p, &f); err != nil {
		return 0, err
	}
	spec := f.Spec()
	return o.st.CreateRole(ctx, p.granting(auth.RolesManage, roleBeyond(ctx)), spec)
}

// UpdateRole changes a custom role: what it gains must be the actor's to give, and each holder whose access changes within the actor's.
func (o *Ops) UpdateRole(ctx context.Context, p Principal, id int64, f form.Role) error {
	r, err := o.st.Role(ctx, p.TenantID, id)
	if err != nil {
		return err
	}
	if r.BuiltinKey != "" {
		return store.ErrBuiltinRole
	}
	if err := o.validRole(ctx, p, &f); err != nil {
		return err
	}
	return o.st.UpdateRole(ctx, p.granting(auth.RolesManage, roleBeyond(ctx)), id, f.Spec())
}

// DeleteRole deletes a custom role; each holder whose access changes must be within the actor's.
func (o *Ops) DeleteRole(ctx context.Context, p Principal, id int64) error {
	return o.st.DeleteRole(ctx, p.by(auth.RolesManage, false), id)
}

// validRole checks a role's name, description, permissions and modules (the tenant's).
func (o *Ops) validRole(ctx context.Context, p Principal, f *form.Role) error {
	modules, err := o.st.Modules(ctx, p.TenantID)
	if err != nil {
		return err
	}
	return invalid(f.Validate(ctx, modules))
}

// roleBeyond refuses a role's permissions beyond the actor's own.
func roleBeyond(ctx context.Context) error {
	return &Error{Kind: Forbidden, Key: "err_grant_beyond", Fields: map[string]string{"permissions": i18n.T(ctx, "err_grant_beyond")}}
}

// granting is p's actor for need whose refusal of giving beyond p's own
// access is refusal (naming the form's field).
func (p Principal) granting(need auth.Permission, refusal error) store.Actor {
	a := p.by(need, false)
	a.Guard = &grantGuard{guard: a.Guard.(*guard), refusal: refusal}
	return a
}

// grantGuard is the guard refusing a grant with its own error.
type grantGuard struct {
	*guard
	refusal error
}

func (g *grantGuard) Grants(ctx context.Context, v store.View, give []string) error {
	if err := g.guard.Grants(ctx, v, give); err != nil {
		return g.refusal
	}
	return nil
}
