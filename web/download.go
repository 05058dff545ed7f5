package web

import (
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/report"
)

// download records who downloads what with which filters (an audit event of
// its own), then streams the file straight to the client: nothing is built in
// memory, and a client that goes away cancels the request's context, which
// stops the query.
func (h *Handler) download(c echo.Context, action store.Action, name string, format report.Format, filters map[string]any,
	write func(w io.Writer) error) error {
	p := who(c)
	ctx := c.Request().Context()
	err := h.ops.Record(ctx, store.Event{TenantID: p.Tenant.ID, ActorID: p.Account.ID, IP: c.RealIP(),
		Action: action, TargetType: "tenant", TargetID: p.Tenant.ID,
		Details: map[string]any{"format": string(format), "filters": filters}})
	if err != nil {
		return err
	}
	file := report.FileName(p.Tenant.Slug, name, format, time.Now().In(views.Req(ctx).TZ))
	if err := report.Send(c.Response(), format, file, write); err != nil {
		h.log.WarnContext(ctx, "download stopped", "report", name, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// reportFormat reads ?format=, refusing anything but csv or xlsx.
func reportFormat(c echo.Context) (report.Format, error) {
	f, err := report.ParseFormat(c.QueryParam("format"))
	if err != nil {
		return "", &pageError{status: http.StatusBadRequest, key: "err_report_format"}
	}
	return f, nil
}
