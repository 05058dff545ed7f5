package web

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// mayActFor says whether the page should offer acting for a (a key, its
// password, its links): the operations decide, this only mirrors their rule
// (ops.Covers) so nothing is offered that would be refused.
func (h *Handler) mayActFor(ctx context.Context, p *principal, a store.Account) (bool, error) {
	perms, err := h.store.RolePermissions(ctx, p.Tenant.ID, a.ID, a.TenantID == p.Tenant.ID && a.UserType == "admin")
	if err != nil {
		return false, err
	}
	return mayActForPerms(p, a, perms), nil
}

// mayActForPerms is mayActFor with the account's role permissions at hand
// (the sidebar has them already: no query).
func mayActForPerms(p *principal, a store.Account, perms []string) bool {
	return a.ID == p.Account.ID || p.admin() ||
		ops.Covers(p.Perms, store.Access{ID: a.ID, Kind: a.Kind, UserType: auth.TypeIn(a.UserType, a.TenantID == p.Tenant.ID),
			Status: a.Status, Perms: perms})
}
