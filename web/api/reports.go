package api

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/query"
	"github.com/console-dev/console/web/report"
)

// userReport streams the User Permission Report for the users table's filters
// (parsed by the console's own code, so the same query gives the same file),
// or for every account of the tenant with all=1. A value the table would drop
// is a 422 here; another tenant's role a 404.
func (a *API) userReport(c echo.Context) error {
	format, err := fileFormat(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := c.QueryParams()
	q, bad := query.ParseUsers(v)
	var all bool
	switch v.Get("all") {
	case "1":
		all = true
	case "", "0":
	default:
		bad = append(bad, "all")
	}
	if len(bad) > 0 {
		return invalid(userFilterErrors(ctx, bad))
	}
	if roleID := q.RoleID(); !all && roleID != 0 {
		roles, err := a.store.Roles(ctx, tenant(c))
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(roles, func(r store.Role) bool { return r.ID == roleID }) {
			return problem(http.StatusNotFound, "api_err_not_found")
		}
	}
	f, filters := q.Report(all)
	return a.download(c, store.ActionReportUserPermissions, "user-permissions", format, filters, func(w io.Writer) error {
		return report.UserPermissions(ctx, a.store, w, format, tenant(c), f, report.Options{})
	})
}

// userFilterErrors says what is wrong with each refused filter.
func userFilterErrors(ctx context.Context, bad []string) map[string]string {
	errs := map[string]string{}
	for _, name := range bad {
		switch name {
		case "q":
			errs[name] = i18n.T(ctx, "err_too_long", map[string]any{"Max": 200})
		case "role":
			errs[name] = i18n.T(ctx, "apireports_err_id")
		case "norole", "deactivated", "all":
			errs[name] = i18n.T(ctx, "apireports_err_flag")
		case "group":
			errs[name] = i18n.T(ctx, "apireports_err_id")
		default:
			if key := query.PeopleErrorKey(name); key != "" {
				errs[name] = i18n.T(ctx, key)
			} else {
				errs[name] = i18n.T(ctx, "err_choice")
			}
		}
	}
	return errs
}

// projectReport streams the users-and-projects export, as the console's
// /projects/report does (reports.view); project narrows it to one of the
// tenant's projects, another tenant's being a 404.
func (a *API) projectReport(c echo.Context) error {
	format, err := fileFormat(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	filters := map[string]any{}
	var projectID int64
	if v := c.QueryParam("project"); v != "" {
		projectID, err = strconv.ParseInt(v, 10, 64)
		if err != nil || projectID <= 0 {
			return fieldError("project", i18n.T(ctx, "apireports_err_id"))
		}
		if _, err := a.store.Project(ctx, tenant(c), projectID); err != nil {
			return err // ErrNotFound is a 404
		}
		filters["project"] = projectID
	}
	return a.download(c, store.ActionReportProjectAccess, "users-and-projects", format, filters, func(w io.Writer) error {
		return report.ProjectAccess(ctx, a.store, w, format, tenant(c), projectID, report.Options{})
	})
}
