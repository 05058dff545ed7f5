package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
)

// forcedChange keeps a person whose password an administrator set to the
// change-password page: every signed-in route but that page and sign-out
// sends them there (htmx through HX-Redirect), whatever it is and whatever
// permission it needs, until they have chosen their own password.
func (h *Handler) forcedChange(r Route) echo.MiddlewareFunc {
	exempt := r.Perm == auth.Public || r.Path == "/account/password" || r.Path == "/signout"
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if exempt {
			return next
		}
		return func(c echo.Context) error {
			p := who(c)
			if p == nil || !p.Account.MustChangePassword || currentSession(c) == nil {
				return next(c)
			}
			target := "/account/password"
			req := c.Request()
			if req.Method == http.MethodGet && !isHTMX(c) && req.URL.Path != "/" {
				target += "?" + url.Values{"next": {requestURI(c)}}.Encode()
			}
			if req.Header.Get("HX-Request") == "true" {
				c.Response().Header().Set("HX-Redirect", target)
				return c.NoContent(http.StatusForbidden)
			}
			return c.Redirect(http.StatusSeeOther, target)
		}
	}
}
