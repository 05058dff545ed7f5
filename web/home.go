package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// landing is where home sends people, in order: the first page they may see.
var landing = []struct {
	perm auth.Permission
	path string
}{
	{auth.UsersView, "/users"},
	{auth.ProjectsView, "/projects"},
	{auth.TenantSettings, "/settings"},
}

// home sends people to the first page they may see; without any, it says
// their access waits for an administrator. A link of the customer switcher
// (/t/<slug>/?from=switcher) records the switch on the way.
func (h *Handler) home(c echo.Context) error {
	if c.QueryParam("from") == "switcher" {
		// Chosen in the customer switcher: remembered for its recent-first order.
		if err := h.ops.Switched(c.Request().Context(), by(c)); err != nil {
			return err
		}
	}
	for _, l := range landing {
		if who(c).Perms.Has(l.perm) {
			return redirect(c, l.path)
		}
	}
	return render(c, http.StatusOK, views.WaitingPage())
}
