package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// health answers 200 when the database answers: a process that fails it is
// cut off from its data and should be restarted.
func (h *Handler) health(c echo.Context) error {
	if _, err := h.store.TenantCount(c.Request().Context()); err != nil {
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}

// ready answers 200 when every migration of this binary is applied, so that a
// load balancer sends requests only to processes whose schema is current.
func (h *Handler) ready(c echo.Context) error {
	ok, err := h.store.Migrated(c.Request().Context())
	switch {
	case err != nil:
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	case !ok:
		return c.String(http.StatusServiceUnavailable, "migrations pending\n")
	}
	return c.String(http.StatusOK, "ready\n")
}
