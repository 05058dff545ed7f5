package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// projectGroupsVM pages the tenant's groups for the left panel; a group
// asked for unfolded (?open=, the no-script way) shows its first members. A
// search also finds people by name or email, with the first page of groups.
func (h *Handler) projectGroupsVM(ctx context.Context, p *principal, projectID int64, s pageState) (views.ProjectGroups, error) {
	afterName, afterID, ok := decodeKey(s.GAfter)
	if !ok {
		s.GAfter, afterName, afterID = "", "", 0
	}
	rows, err := h.store.Groups(ctx, p.Tenant.ID, s.GQ, afterName, afterID, groupsPerPage+1)
	if err != nil {
		return views.ProjectGroups{}, err
	}
	vm := views.ProjectGroups{ProjectID: projectID, Q: s.GQ, After: s.GAfter}
	if len(rows) > groupsPerPage {
		rows = rows[:groupsPerPage]
		n := s
		last := rows[len(rows)-1]
		n.GAfter = encodeKey(last.Name, last.ID)
		vm.NextURL = n.url(projectID)
	}
	if s.GAfter != "" {
		n := s
		n.GAfter = ""
		vm.FirstURL = n.url(projectID)
	}
	for _, g := range rows {
		row := views.ProjectGroup{ID: g.ID, Name: g.Name, Description: g.Description, Count: g.Members}
		if g.ID == s.Open {
			m, err := h.projectMembers(ctx, p, projectID, g.ID, g.Name, "", false)
			if err != nil {
				return vm, err
			}
			row.Members = &m
		}
		vm.Rows = append(vm.Rows, row)
	}
	if s.GQ != "" && s.GAfter == "" && p.Perms.Has(auth.UsersView) {
		// People are searched too, in a group or not: one page of the users
		// table's search, people without roles included. Only for who may
		// read the users table: projects.view alone shows groups.
		found, err := h.store.ListUsers(ctx, p.Tenant.ID, store.UserFilter{Query: s.GQ, IncludeNoRole: true, Limit: peopleFound})
		if err != nil {
			return vm, err
		}
		vm.MorePeople = found.Next != ""
		for _, a := range found.Accounts {
			vm.People = append(vm.People, views.MemberRow{ID: a.ID, Name: a.Name(), Email: a.Email, Status: a.Status})
		}
	}
	return vm, nil
}

// peopleFound is how many people the left panel's search shows.
const peopleFound = 20

// projectMembers reads one page of a group's members: one query.
func (h *Handler) projectMembers(ctx context.Context, p *principal, projectID, groupID int64, groupName, cursor string, team bool) (views.ProjectMembers, error) {
	name, id, ok := decodeKey(cursor)
	if !ok {
		cursor, name, id = "", "", 0
	}
	rows, err := h.store.GroupMembers(ctx, p.Tenant.ID, groupID, name, id, membersPerPage+1)
	if err != nil {
		return views.ProjectMembers{}, err
	}
	m := views.ProjectMembers{ProjectID: projectID, GroupID: groupID, GroupName: groupName, Team: team, Paged: cursor != ""}
	if len(rows) > membersPerPage {
		rows = rows[:membersPerPage]
		last := rows[len(rows)-1]
		m.Next = encodeKey(last.SortName, last.AccountID)
	}
	for _, r := range rows {
		m.Rows = append(m.Rows, views.MemberRow{ID: r.AccountID, Name: r.Name, Email: r.Email, Status: r.Status})
	}
	return m, nil
}

// projectMembersPage serves a page of a group's members for either panel;
// without htmx it opens the tab with that group unfolded.
func (h *Handler) projectMembersPage(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	pr, err := h.project(c)
	if err != nil {
		return err
	}
	gid, _ := strconv.ParseInt(c.QueryParam("group"), 10, 64)
	g, err := h.groupByID(ctx, p, gid)
	if err != nil {
		return err
	}
	if !isHTMX(c) {
		return c.Redirect(http.StatusSeeOther, views.ProjectURL(pr.ID, "?open="+strconv.FormatInt(g.ID, 10)))
	}
	m, err := h.projectMembers(ctx, p, pr.ID, g.ID, g.Name, c.QueryParam("after"), c.QueryParam("team") == "1")
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ProjectMembersView(m))
}
