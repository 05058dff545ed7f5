package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/static"
)

var staticFiles = http.StripPrefix("/static/", http.FileServerFS(static.FS))

// static serves the embedded CSS, JavaScript and images. Pages link them as
// static.URL gives, with their content hash as ?v=: that URL names these
// bytes for good, so browsers keep it a year without asking again. A file
// asked for without a hash, or with another binary's, may change: an hour
// without a hash, and revalidated each time with a stale one.
func (h *Handler) static(c echo.Context) error {
	name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
	cache := "public, max-age=3600"
	if v := c.QueryParam("v"); v != "" {
		cache = "no-cache"
		if v == static.Hash(name) {
			cache = "public, max-age=31536000, immutable"
		}
	}
	c.Response().Header().Set("Cache-Control", cache)
	staticFiles.ServeHTTP(c.Response(), c.Request())
	return nil
}
