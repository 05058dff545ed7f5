package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

const (
	pickerPerPage        = 20
	projectSummaryPeople = 50
)

// projectPickerVM pages the tenant's projects for the right panel: one query.
// The selected project is pr; it shows in place when it is on the page.
func (h *Handler) projectPickerVM(ctx context.Context, p *principal, pr store.Project, s pageState) (views.ProjectPicker, error) {
	name, id, ok := decodeKey(s.PrAfter)
	if !ok {
		s.PrAfter, name, id = "", "", 0
	}
	rows, err := h.store.Projects(ctx, p.Tenant.ID, store.ProjectFilter{Query: s.PrQ, Misconfigured: s.PrMis,
		AfterName: name, AfterID: id, Limit: pickerPerPage + 1})
	if err != nil {
		return views.ProjectPicker{}, err
	}
	vm := views.ProjectPicker{SelectedID: pr.ID, Q: s.PrQ, Misconfigured: s.PrMis, GQ: s.GQ, GAfter: s.GAfter}
	if len(rows) > pickerPerPage {
		rows = rows[:pickerPerPage]
		n := s
		n.PAfter = ""
		last := rows[len(rows)-1]
		n.PrAfter = encodeKey(last.Name, last.ID)
		vm.NextURL = n.url(pr.ID)
	}
	if s.PrAfter != "" {
		n := s
		n.PAfter, n.PrAfter = "", ""
		vm.FirstURL = n.url(pr.ID)
	}
	// Selecting another project keeps every panel's state but the people page,
	// which is the selected project's own. With htmx the left panel's state
	// comes from the page itself (hx-include), as it may have moved since.
	sel := s
	sel.PAfter = ""
	right := pageState{PrQ: s.PrQ, PrAfter: s.PrAfter, PrMis: s.PrMis}
	for _, r := range rows {
		if r.ID == pr.ID {
			vm.Listed = true
		}
		vm.Rows = append(vm.Rows, views.ProjectPick{
			ProjectRow: views.ProjectRow{ID: r.ID, Name: r.Name, Description: r.Description, Archived: r.Archived,
				Users: r.Users, Teams: r.Teams, Errors: r.Errors},
			Href: sel.url(r.ID) + "#pp-selected", Get: right.url(r.ID)})
	}
	return vm, nil
}

// projectSummary unfolds a project of the picker read-only: its teams and its
// first people with their access, in three queries. Without htmx it selects
// the project instead.
func (h *Handler) projectSummary(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	pr, err := h.project(c)
	if err != nil {
		return err
	}
	if !isHTMX(c) {
		return c.Redirect(http.StatusSeeOther, views.ProjectURL(pr.ID, "#pp-selected"))
	}
	teams, err := h.store.ProjectTeams(ctx, p.Tenant.ID, pr.ID)
	if err != nil {
		return err
	}
	people, err := h.store.ProjectPeople(ctx, p.Tenant.ID, pr.ID, false, "", 0, projectSummaryPeople+1)
	if err != nil {
		return err
	}
	vm := views.ProjectSummary{ProjectID: pr.ID, Name: pr.Name}
	if len(people) > projectSummaryPeople {
		people, vm.More = people[:projectSummaryPeople], true
	}
	for _, t := range teams {
		vm.Teams = append(vm.Teams, views.ProjectTeam{GroupID: t.GroupID, Name: t.Name, Access: t.Access, Members: t.Members})
	}
	byID := teamsByID(teams)
	for _, pl := range people {
		pl = withGroups(pl, byID)
		vm.People = append(vm.People, views.ProjectPerson{AccountID: pl.AccountID, Name: pl.Name, Email: pl.Email,
			Status: pl.Status, ReadOnly: pl.UserType == "read_only", Access: pl.Access(), Teams: teamNames(ctx, pl)})
	}
	return render(c, http.StatusOK, views.ProjectSummaryView(vm))
}
