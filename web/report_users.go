package web

import (
	"io"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/report"
)

// userReport serves the User Permission Report for the users table's current
// filters (the same query string, parsed by the same code), or every account
// of the tenant with all=1.
func (h *Handler) userReport(c echo.Context) error {
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	p, ctx := who(c), c.Request().Context()
	q := parseUsersQuery(c.QueryParams())
	q.Zone = views.Req(ctx).TZ
	all := c.QueryParam("all") == "1"
	if roleID := q.RoleID(); !all && roleID != 0 {
		roles, err := h.store.Roles(ctx, p.Tenant.ID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(roles, func(r store.Role) bool { return r.ID == roleID }) {
			return &pageError{status: http.StatusNotFound, key: "err_not_found"} // another tenant's role
		}
	}
	f, filters := q.Report(all)
	switch c.QueryParam("scope") {
	case "", "tenant":
	case "tree":
		// This tenant and the tenants below it, a row per person per tenant.
		filters["scope"] = "tree"
		return h.download(c, store.ActionReportUserPermissions, "user-permissions-tree", format, filters, func(w io.Writer) error {
			return report.UserPermissionsTree(ctx, h.store, w, format, p.Tenant.ID, f, report.Options{})
		})
	default:
		return &pageError{status: http.StatusBadRequest, key: "err_bad_request"}
	}
	return h.download(c, store.ActionReportUserPermissions, "user-permissions", format, filters, func(w io.Writer) error {
		return report.UserPermissions(ctx, h.store, w, format, p.Tenant.ID, f, report.Options{})
	})
}
