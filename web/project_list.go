package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

const projectsPerPage = 50

// projectsQuery is the list's state, all in the URL.
type projectsQuery struct {
	Q             string
	Misconfigured bool
	Archived      bool
	After         string
}

func parseProjectsQuery(v url.Values) projectsQuery {
	return projectsQuery{Q: clipRunes(strings.TrimSpace(v.Get("q")), 100), Misconfigured: v.Get("misconfigured") != "",
		Archived: v.Get("archived") != "", After: v.Get("after")}
}

func (q projectsQuery) url() string {
	v := url.Values{}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Misconfigured {
		v.Set("misconfigured", "1")
	}
	if q.Archived {
		v.Set("archived", "1")
	}
	if q.After != "" {
		v.Set("after", q.After)
	}
	if enc := v.Encode(); enc != "" {
		return "/projects?" + enc
	}
	return "/projects"
}

// projectList serves /projects: the whole list, or the table alone for htmx.
func (h *Handler) projectList(c echo.Context) error {
	ctx := c.Request().Context()
	vm, err := h.projectListVM(ctx, who(c), parseProjectsQuery(c.QueryParams()))
	if err != nil {
		return err
	}
	if c.QueryParam("deleted") == "1" {
		vm.Notice = i18n.T(ctx, "pr_notice_deleted")
	}
	if isHTMX(c) && hxTarget(c) == "pr-table" {
		return render(c, http.StatusOK, views.ProjectsTable(vm))
	}
	return page(c, http.StatusOK, views.ProjectsPage(vm), views.ProjectsBlock(vm))
}

// projectListVM reads one page of projects with their counts: one query.
func (h *Handler) projectListVM(ctx context.Context, p *principal, q projectsQuery) (views.ProjectList, error) {
	name, id, ok := decodeKey(q.After)
	if !ok {
		q.After, name, id = "", "", 0
	}
	rows, err := h.store.Projects(ctx, p.Tenant.ID, store.ProjectFilter{Query: q.Q, Misconfigured: q.Misconfigured,
		IncludeArchived: q.Archived, AfterName: name, AfterID: id, Limit: projectsPerPage + 1})
	if err != nil {
		return views.ProjectList{}, err
	}
	vm := views.ProjectList{Q: q.Q, Misconfigured: q.Misconfigured, Archived: q.Archived}
	if len(rows) > projectsPerPage {
		rows = rows[:projectsPerPage]
		n := q
		last := rows[len(rows)-1]
		n.After = encodeKey(last.Name, last.ID)
		vm.NextURL = n.url()
	}
	if q.After != "" {
		n := q
		n.After = ""
		vm.FirstURL = n.url()
	}
	for _, r := range rows {
		vm.Rows = append(vm.Rows, views.ProjectRow{ID: r.ID, Name: r.Name, Description: r.Description, Archived: r.Archived,
			Users: r.Users, Teams: r.Teams, Errors: r.Errors})
	}
	return vm, nil
}
