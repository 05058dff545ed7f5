package web

import (
	"context"
	"strconv"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// provisioningVM is the page over what is saved: the mode form shows the
// saved mode, the SCIM base URL and tokens follow it.
func (h *Handler) provisioningVM(ctx context.Context, p *principal) (views.Provisioning, error) {
	pr, err := h.store.Provisioning(ctx, p.Tenant.ID)
	if err != nil {
		return views.Provisioning{}, err
	}
	tokens, err := h.store.SCIMTokens(ctx, p.Tenant.ID)
	if err != nil {
		return views.Provisioning{}, err
	}
	vm := views.Provisioning{Saved: pr.Mode, Mode: pr.Mode, DeleteRemoves: pr.DeleteRemoves,
		SCIMBase: h.baseURL + "/scim/v2", CanCreate: p.admin() && p.home()}
	names := map[int64]string{}
	for _, t := range tokens {
		r := views.SCIMTokenRow{ID: t.ID, Name: t.Name, Prefix: "cst_" + t.PublicID, Created: t.CreatedAt,
			LastUsed: t.LastUsedAt, Revoked: t.RevokedAt}
		if t.CreatedBy != 0 {
			if _, ok := names[t.CreatedBy]; !ok {
				names[t.CreatedBy] = h.creatorName(ctx, p.Tenant.ID, t.CreatedBy)
			}
			r.CreatedBy = names[t.CreatedBy]
		}
		vm.Tokens = append(vm.Tokens, r)
	}
	return vm, nil
}

// creatorName names who made a token: their name, or their login; an
// account since deleted shows as its id.
func (h *Handler) creatorName(ctx context.Context, tenantID, id int64) string {
	a, err := h.store.AccountIn(ctx, tenantID, id)
	if err != nil {
		return "#" + strconv.FormatInt(id, 10)
	}
	if n := a.Name(); n != "" {
		return n
	}
	return a.Login
}

// external reports whether the tenant acted in is in external provisioning
// (read with the tenant at sign-in of the request: no query).
func (p *principal) external() bool { return p.Tenant.Provisioning == store.ProvisioningExternal }

// locks reports whether the lock of external provisioning holds account a
// here: the tenant acted in is external and a is one of its own people its
// provider manages (a member from above is managed from its home tenant).
func (p *principal) locks(a store.Account) bool {
	return p.external() && a.SCIMManaged && a.TenantID == p.Tenant.ID
}
