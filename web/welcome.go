package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// welcome greets someone who has just accepted an invitation or activated
// their account: where they are, what their roles let them do, and where to
// go first. It is an ordinary page, safe to reload or revisit.
func (h *Handler) welcome(c echo.Context) error {
	ctx := c.Request().Context()
	p := who(c)
	held, err := h.store.HeldRoles(ctx, p.Tenant.ID, p.Account.ID)
	if err != nil {
		return err
	}
	vm := views.Welcome{Name: p.Account.Name()}
	seen := map[int64]bool{}
	for _, r := range held {
		if !seen[r.RoleID] {
			seen[r.RoleID] = true
			vm.Roles = append(vm.Roles, roleLabel(ctx, r.BuiltinKey, r.Name))
		}
	}
	for _, l := range landing {
		if p.Perms.Has(l.perm) {
			vm.Start = l.path
			break
		}
	}
	return render(c, http.StatusOK, views.WelcomePage(vm))
}
