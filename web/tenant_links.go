package web

import (
	"bytes"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// Every link a page makes carries the tenant it acts in (/t/<slug>/...), so
// a link copied, bookmarked or mailed opens that tenant for whoever follows
// it, never another tenant's page under the same path. Pages and handlers
// write plain paths; this is the one place that prefixes them, in the HTML
// of every rendered page and in every header that names a location.

// linkAttrs are the attributes holding a path: a link, a form, an htmx request.
var linkAttrs = map[string]bool{"href": true, "action": true, "formaction": true, "hx-get": true, "hx-post": true,
	"hx-put": true, "hx-patch": true, "hx-delete": true, "hx-push-url": true, "hx-replace-url": true, "data-url": true}

var attrPath = []byte(`="/`)

// writeTenantLinks writes html to w with every path of a link attribute
// (` name="/..."`, the name after white space) prefixed with the tenant
// slug. A scan for `="/` rather than a regular expression: this runs over
// every page served, and the expression took half of a users page's CPU.
func writeTenantLinks(w *bytes.Buffer, html []byte, slug string) {
	if slug == "" {
		w.Write(html)
		return
	}
	w.Grow(len(html) + len(html)/16)
	for {
		i := bytes.Index(html, attrPath)
		if i < 0 {
			break
		}
		from := i + 2 // the path's slash
		end := bytes.IndexByte(html[from:], '"')
		if end < 0 {
			break
		}
		end += from
		if !isLinkAttr(html[:i]) || !views.Tenanted(string(html[from:end])) {
			w.Write(html[:from+1])
			html = html[from+1:]
			continue
		}
		w.Write(html[:from])
		w.WriteString(views.TenantPrefix)
		w.WriteString(slug)
		w.Write(html[from : end+1])
		html = html[end+1:]
	}
	w.Write(html)
}

// isLinkAttr reports whether before ends with white space and the name of a
// link attribute.
func isLinkAttr(before []byte) bool {
	k := len(before)
	for k > 0 && (before[k-1] >= 'a' && before[k-1] <= 'z' || before[k-1] == '-') {
		k--
	}
	if k == 0 || k == len(before) {
		return false
	}
	switch before[k-1] {
	case ' ', '\t', '\n', '\f', '\r':
		return linkAttrs[string(before[k:])]
	}
	return false
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
