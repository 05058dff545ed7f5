package web

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// accessHere is what p may do in the tenant it acts in, as the sidebar's
// Access section shows it: the roles held there (directly or through a
// group), the permissions and modules they add up to after the user type as
// it counts there (a member's Admin type stays home). Three statements.
func (h *Handler) accessHere(ctx context.Context, p *principal) (views.Access, error) {
	held, err := h.store.HeldRoles(ctx, p.Tenant.ID, p.Account.ID)
	if err != nil {
		return views.Access{}, err
	}
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return views.Access{}, err
	}
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return views.Access{}, err
	}
	return accessVM(ctx, auth.TypeIn(p.Account.UserType, p.home()), held, roles, modules), nil
}
