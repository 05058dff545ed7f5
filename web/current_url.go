package web

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// currentURL is the address of the page htmx is on (HX-Current-URL) with
// its /t/<slug> prefix taken off, as the router takes it off the request's
// own path, so "/t/acme/users?q=zoe" reads as "/users?q=zoe". A page of
// another tenant than the one acted in, or no header, is the empty URL.
func currentURL(c echo.Context) *url.URL {
	u, err := url.Parse(c.Request().Header.Get("HX-Current-URL"))
	if err != nil {
		return &url.URL{}
	}
	if slug, rest, ok := views.SplitTenant(u.Path); ok {
		if slug != who(c).Tenant.Slug {
			return &url.URL{}
		}
		u.Path = rest
	}
	return u
}
