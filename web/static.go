package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/static"
)

var staticFiles = http.StripPrefix("/static/", http.FileServerFS(static.FS))

// static serves the embedded CSS, JavaScript and images; they change only with
// the binary, so browsers may keep them for an hour.
func (h *Handler) static(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	staticFiles.ServeHTTP(c.Response(), c.Request())
	return nil
}
