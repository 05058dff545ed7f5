package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// health answers 200 when the database answers.
func (h *Handler) health(c echo.Context) error {
	if _, err := h.store.TenantCount(c.Request().Context()); err != nil {
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}
