package api

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/report"
)

// fileFormat reads ?format=; empty is CSV, as in the console.
func fileFormat(c echo.Context) (report.Format, error) {
	f, err := report.ParseFormat(c.QueryParam("format"))
	if err != nil {
		return "", fieldError("format", i18n.T(c.Request().Context(), "err_report_format"))
	}
	return f, nil
}

// download records the export as an audit event (the key's id joins its
// details through the request context), then streams the file: nothing is
// built in memory, and a client that goes away cancels the request's
// context, which stops the query. Headers and values speak the caller's
// Accept-Language; times are UTC.
func (a *API) download(c echo.Context, action store.Action, name string, format report.Format, filters map[string]any,
	write func(w io.Writer) error) error {
	ctx := c.Request().Context()
	t, err := a.store.Tenant(ctx, tenant(c))
	if err != nil {
		return err
	}
	by := actor(c)
	err = a.ops.Record(ctx, store.Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP,
		Action: action, TargetType: "tenant", TargetID: by.TenantID,
		Details: map[string]any{"format": string(format), "filters": filters}})
	if err != nil {
		return err
	}
	file := report.FileName(t.Slug, name, format, a.now().UTC())
	if err := report.Send(c.Response(), format, file, write); err != nil {
		a.log.WarnContext(ctx, "api download stopped", "report", name, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}
