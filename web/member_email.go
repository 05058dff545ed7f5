package web

import (
	"context"

	"github.com/console-dev/console/i18n"
)

// emailTaken says where the person holding a refused email already is: in
// this tenant (as before); in a tenant above that the actor's home reaches,
// from where "Add existing person" brings them here; or elsewhere in the
// tree, without naming a tenant the actor may not see.
func (h *Handler) emailTaken(ctx context.Context, p *principal, email string) string {
	holder, err := h.store.EmailHolder(ctx, p.Tenant.ID, email)
	if err != nil || !holder.Member {
		return i18n.T(ctx, "err_email_taken")
	}
	above, err := h.store.Within(ctx, p.Tenant.ID, holder.TenantID)
	if err != nil {
		return i18n.T(ctx, "err_member_email_elsewhere")
	}
	reach, err := h.store.Within(ctx, holder.TenantID, p.Account.TenantID)
	if err == nil && above && reach {
		return i18n.T(ctx, "err_member_email_above", map[string]any{"Tenant": holder.HomeName})
	}
	return i18n.T(ctx, "err_member_email_elsewhere")
}
