package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/views"
)

// auditRetention saves how many days the tenant keeps its audit events
// (30 to 3650); the change is an audit event, the purge runs in the background.
func (h *Handler) auditRetention(c echo.Context) error {
	ctx := c.Request().Context()
	form := views.RetentionForm{Days: clipRunes(strings.TrimSpace(c.FormValue("days")), 10)}
	if form.Days == "" {
		form.Error = i18n.T(ctx, "err_required")
		return render(c, http.StatusUnprocessableEntity, views.AuditRetention(form))
	}
	days, _ := strconv.Atoi(form.Days) // not a number: 0, refused as out of range
	if err := h.ops.SetAuditRetention(ctx, by(c), days); err != nil {
		if e, ok := ops.As(err); ok && e.Fields["days"] != "" {
			form.Error = e.Fields["days"]
			return render(c, http.StatusUnprocessableEntity, views.AuditRetention(form))
		}
		return err
	}
	if !isHTMX(c) {
		return redirect(c, "/audit")
	}
	form.Saved = true
	return render(c, http.StatusOK, views.AuditRetention(form))
}
