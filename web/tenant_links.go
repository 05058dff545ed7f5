package web

import (
	"bytes"
	"net/http"
	"regexp"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// Every link a page makes carries the tenant it acts in (/t/<slug>/...), so
// a link copied, bookmarked or mailed opens that tenant for whoever follows
// it, never another tenant's page under the same path. Pages and handlers
// write plain paths; this is the one place that prefixes them, in the HTML
// of every rendered page and in every header that names a location.

// linkAttr matches an attribute holding a path: a link, a form, an htmx request.
var linkAttr = regexp.MustCompile(`(\s(?:href|action|formaction|hx-get|hx-post|hx-put|hx-patch|hx-delete|hx-push-url|hx-replace-url|data-url)=")(/[^"]*)"`)

// tenantLinks prefixes every path in html with the tenant slug.
func tenantLinks(html []byte, slug string) []byte {
	if slug == "" {
		return html
	}
	return linkAttr.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := linkAttr.FindSubmatchIndex(m)
		path := string(m[sub[4]:sub[5]])
		prefixed := views.InTenant(slug, path)
		if prefixed == path {
			return m
		}
		var b bytes.Buffer
		b.Write(m[:sub[4]])
		b.WriteString(prefixed)
		b.WriteByte('"')
		return b.Bytes()
	})
}

// locationHeaders are the response headers that send the browser somewhere.
var locationHeaders = []string{echo.HeaderLocation, "HX-Redirect", "HX-Push-Url", "HX-Replace-Url", "HX-Location"}

// tenantHeaders prefixes the paths of the location headers, just before the
// response's header is written.
func tenantHeaders(c echo.Context, slug string) {
	res := c.Response()
	res.Before(func() {
		h := res.Header()
		for _, k := range locationHeaders {
			if v := h.Get(k); v != "" {
				h.Set(k, views.InTenant(slug, v))
			}
		}
	})
}

// tenantPath takes the tenant prefix off the request path before routing:
// the routes are written without it; the slug is kept for loadSession,
// which decides whether the visitor may act there. A prefix that names no
// valid tenant path is a 404 page.
func tenantPath(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		c.Set(keyRequestURI, req.URL.RequestURI())
		if len(req.URL.Path) < len(views.TenantPrefix) || req.URL.Path[:len(views.TenantPrefix)] != views.TenantPrefix {
			return next(c)
		}
		slug, rest, ok := views.SplitTenant(req.URL.Path)
		if !ok {
			return echo.NewHTTPError(http.StatusNotFound)
		}
		req.URL.Path, req.URL.RawPath = rest, ""
		c.Set(keySlug, slug)
		return next(c)
	}
}

// requestURI is the request's path and query as the browser sent them,
// tenant prefix included: where to come back to after signing in.
func requestURI(c echo.Context) string {
	if u, ok := c.Get(keyRequestURI).(string); ok {
		return u
	}
	return c.Request().URL.RequestURI()
}

func slugOf(c echo.Context) string { s, _ := c.Get(keySlug).(string); return s }
