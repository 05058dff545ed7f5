package web

import (
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// expiryDate is an expiry as the sidebar's date field holds it.
func expiryDate(at time.Time) string {
	if at.IsZero() {
		return ""
	}
	return at.UTC().Format(time.DateOnly)
}

// expiryInput reads the sidebar's "Account expires" field: changed when it
// differs from the account's date (an unchanged field is never re-checked,
// so a date set earlier does not become "in the past"); a bad one puts its
// message in errs before anything is saved.
func (h *Handler) expiryInput(c echo.Context, a store.Account, errs map[string]string) (string, bool) {
	if _, sent := c.Request().PostForm["expires_at"]; !sent {
		return expiryDate(a.ExpiresAt), false
	}
	v := strings.TrimSpace(c.FormValue("expires_at"))
	if v == expiryDate(a.ExpiresAt) {
		return v, false
	}
	if _, err := h.ops.Expiry(c.Request().Context(), "expires_at", v); err != nil {
		if e, ok := ops.As(err); ok {
			for k, m := range e.Fields {
				errs[k] = m
			}
		}
	}
	return v, true
}
