package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// auditRetention saves how many days the tenant keeps its audit events
// (30 to 3650); the change is an audit event, the purge runs in the background.
func (h *Handler) auditRetention(c echo.Context) error {
	p, ctx := who(c), c.Request().Context()
	form := views.RetentionForm{Days: clipRunes(strings.TrimSpace(c.FormValue("days")), 10)}
	days, err := strconv.Atoi(form.Days)
	switch {
	case form.Days == "":
		form.Error = views.T(ctx, "err_required")
	case err != nil || days < store.MinAuditRetention || days > store.MaxAuditRetention:
		form.Error = views.T(ctx, "audit_err_retention", map[string]any{"Min": store.MinAuditRetention, "Max": store.MaxAuditRetention})
	}
	if form.Error != "" {
		return render(c, http.StatusUnprocessableEntity, views.AuditRetention(form))
	}
	if err := h.store.SetAuditRetention(ctx, store.Actor{TenantID: p.Account.TenantID, AccountID: p.Account.ID, IP: c.RealIP()}, days); err != nil {
		return err
	}
	if !isHTMX(c) {
		return redirect(c, "/audit")
	}
	form.Saved = true
	return render(c, http.StatusOK, views.AuditRetention(form))
}
