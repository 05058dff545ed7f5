package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/report"
)

// projectReport serves the users-and-projects export: every person with their
// projects, access, team and misconfigurations; ?project= narrows it to one
// of the tenant's projects.
func (h *Handler) projectReport(c echo.Context) error {
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	p, ctx := who(c), c.Request().Context()
	filters := map[string]any{}
	var projectID int64
	if v := c.QueryParam("project"); v != "" {
		projectID, err = strconv.ParseInt(v, 10, 64)
		if err != nil || projectID <= 0 {
			return &pageError{status: http.StatusBadRequest, key: "err_bad_request"}
		}
		pr, err := h.store.Project(ctx, p.Tenant.ID, projectID)
		if errors.Is(err, store.ErrNotFound) {
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		} else if err != nil {
			return err
		}
		filters["project"] = pr.ID
	}
	return h.download(c, store.ActionReportProjectAccess, "users-and-projects", format, filters, func(w io.Writer) error {
		return report.ProjectAccess(ctx, h.store, w, format, p.Tenant.ID, projectID, report.Options{})
	})
}
