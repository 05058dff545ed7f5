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
// their access waits for an administrator.
func (h *Handler) home(c echo.Context) error {
	for _, l := range landing {
		if who(c).Perms.Has(l.perm) {
			return redirect(c, l.path)
		}
	}
	return render(c, http.StatusOK, views.WaitingPage())
}
