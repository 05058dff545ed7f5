package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userProjectsShown is how many projects "Add to project" lists.
const userProjectsShown = 20

// userProjectsAddForm serves "Add to project" for one person: with htmx the
// fragment alone (the sidebar links to it), else in the sidebar of the users page.
func (h *Handler) userProjectsAddForm(c echo.Context) error {
	a, err := h.person(c)
	if err != nil {
		return err
	}
	vm, err := h.userProjectsAddVM(c.Request().Context(), who(c), a.Account, c.QueryParam("q"))
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusOK, views.UserProjectsAddView(vm))
}

// userProjectsAdd puts the person on one project through the operation that
// adds people one by one, with the access and Team box chosen on its line.
func (h *Handler) userProjectsAdd(c echo.Context) error {
	ctx := c.Request().Context()
	if _, err := c.FormParams(); err != nil {
		return &pageError{status: http.StatusRequestEntityTooLarge, key: "err_too_large"}
	}
	a, err := h.person(c)
	if err != nil {
		return err
	}
	pid, err := strconv.ParseInt(c.FormValue("project_id"), 10, 64)
	if err != nil || pid <= 0 {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	pr, err := h.store.Project(ctx, who(c).Tenant.ID, pid) // another tenant's project is 404
	if err != nil {
		return err
	}
	var status views.Status
	access, key := accessOf(c)
	if key != "" {
		status = alert(ctx, key)
	} else if err := h.ops.AddProjectUsers(ctx, by(c), pr.ID, []int64{a.ID}, access, c.FormValue("team") != ""); err != nil {
		if status = assignRefusal(ctx, err); status.Text == "" {
			return err
		}
	} else {
		status = views.Status{Text: i18n.T(ctx, "i16p_user_added", map[string]any{"Name": a.Name(), "Project": pr.Name})}
	}
	vm, err := h.userProjectsAddVM(ctx, who(c), a.Account, c.FormValue("q"))
	if err != nil {
		return err
	}
	vm.Status, vm.Added = status, !status.Alert
	code := http.StatusOK
	if status.Alert {
		code = http.StatusUnprocessableEntity
	}
	if !isHTMX(c) && code == http.StatusOK {
		return redirect(c, views.UserProjectsAddURL(a.ID))
	}
	return h.sidebar(c, code, views.UserProjectsAddView(vm))
}

// userProjectsAddVM lists the first projects matching q, marking those the
// person is on already: two queries.
func (h *Handler) userProjectsAddVM(ctx context.Context, p *principal, a store.Account, q string) (views.UserProjectsAdd, error) {
	q = clipRunes(strings.TrimSpace(q), 100)
	vm := views.UserProjectsAdd{AccountID: a.ID, Name: a.Name(), Q: q}
	rows, err := h.store.Projects(ctx, p.Tenant.ID, store.ProjectFilter{Query: q, Limit: userProjectsShown + 1})
	if err != nil {
		return vm, err
	}
	if len(rows) > userProjectsShown {
		rows, vm.More = rows[:userProjectsShown], true
	}
	aps, err := h.store.AccountProjects(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return vm, err
	}
	on := map[int64]bool{}
	for _, ap := range aps {
		on[ap.ProjectID] = true
	}
	for _, r := range rows {
		vm.Rows = append(vm.Rows, views.UserProjectChoice{ID: r.ID, Name: r.Name, Archived: r.Archived, On: on[r.ID]})
	}
	vm.Projects = userProjects(ctx, aps)
	return vm, nil
}

// seesPeople lets a request through only for who may read the users table;
// anyone else gets 404, as for a person they cannot see. The route's own
// permission (projects.manage) is checked before.
func seesPeople(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !who(c).Perms.Has(auth.UsersView) {
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		}
		return next(c)
	}
}
