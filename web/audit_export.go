package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/query"
	"github.com/console-dev/console/web/report"
)

// auditExport downloads the events the audit log's filters select, as CSV
// or Excel; the download is itself an audit event.
func (h *Handler) auditExport(c echo.Context) error {
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	p, ctx := who(c), c.Request().Context()
	q := parseAuditQuery(c.QueryParams())
	f, err := h.storeFilter(ctx, p.Tenant.ID, q)
	switch {
	case errors.Is(err, query.ErrUnknownActor):
		return &pageError{status: http.StatusNotFound, key: "audit_err_actor"}
	case errors.Is(err, query.ErrBadDates):
		return &pageError{status: http.StatusBadRequest, key: "audit_err_dates"}
	case err != nil:
		return err
	}
	return h.download(c, store.ActionAuditExport, "audit-log", format, q.Filters(), func(w io.Writer) error {
		return report.Audit(ctx, h.store, w, format, p.Tenant.ID, f, report.Options{})
	})
}
