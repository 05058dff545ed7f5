package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// home sends people to the first page they may see; without any, it says so.
func (h *Handler) home(c echo.Context) error {
	if who(c).Perms.Has(auth.UsersView) {
		return redirect(c, "/users")
	}
	return render(c, http.StatusOK, views.HomePage())
}
