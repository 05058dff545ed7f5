package web

import (
	"context"
	"slices"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupAccess is the Access section the user sidebar shows, for a group:
// each role it gives (via this group) and what they add up to for a
// Standard member.
func (h *Handler) groupAccess(ctx context.Context, p *principal, g store.Group, roles []store.Role, held []int64) (views.Access, error) {
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return views.Access{}, err
	}
	var given []store.HeldRole
	for _, r := range roles {
		if slices.Contains(held, r.ID) {
			given = append(given, store.HeldRole{RoleID: r.ID, BuiltinKey: r.BuiltinKey, Name: r.Name, GroupID: g.ID, GroupName: g.Name})
		}
	}
	return accessVM(ctx, "standard", given, roles, modules), nil
}
