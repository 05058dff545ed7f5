package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

const (
	groupsPerPage  = 50
	membersPerPage = 50
	maxPicked      = form.MaxIDs // users per change: the limit of every list of ids
)

// groupList serves /groups: the whole view, or one panel when htmx asks for it.
func (h *Handler) groupList(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	q := parseGroupsQuery(c.QueryParams())
	if c.QueryParam("done") != "" {
		q.Expand = q.Group // back from a plain form's change: show what changed
	}
	if isHTMX(c) {
		// A panel changes alone; the other panel's state comes from the page's address.
		cur := currentGroupsQuery(c)
		switch hxTarget(c) {
		case "ug-users":
			q.GQ, q.GAfter = cur.GQ, cur.GAfter
			users, err := h.pickUsersVM(ctx, p, &q)
			if err != nil {
				return err
			}
			c.Response().Header().Set("HX-Push-Url", q.url())
			return render(c, http.StatusOK, views.PickUsersPanel(users))
		case "ug-groups":
			q.Q, q.After, q.Before, q.Size = cur.Q, cur.After, cur.Before, cur.Size
			groups, err := h.groupListVM(ctx, p, &q)
			if err != nil {
				return err
			}
			c.Response().Header().Set("HX-Push-Url", q.url())
			return render(c, http.StatusOK, views.GroupsPanel(groups))
		}
	}
	vm, err := h.groupsVM(ctx, p, q)
	if err != nil {
		return err
	}
	vm.Status = h.doneStatus(ctx, p, c.QueryParams())
	return page(c, http.StatusOK, views.GroupsPage(vm), views.GroupsBlock(vm))
}

// doneStatus says what a plain form's change did, after its redirect.
func (h *Handler) doneStatus(ctx context.Context, p *principal, v url.Values) views.Status {
	if v.Get("deleted") == "1" {
		return views.Status{Text: i18n.T(ctx, "group_notice_deleted")}
	}
	n, err := strconv.Atoi(v.Get("n"))
	gid, _ := strconv.ParseInt(v.Get("g"), 10, 64)
	done := v.Get("done")
	if err != nil || n < 0 || gid <= 0 || (done != "add" && done != "remove") {
		return views.Status{}
	}
	g, err := h.store.Group(ctx, p.Tenant.ID, gid)
	if err != nil {
		return views.Status{}
	}
	return views.Status{Text: transferMessage(ctx, done == "add", n, g.Name)}
}

// currentGroupsQuery is the state of the page htmx is on.
func currentGroupsQuery(c echo.Context) groupsQuery {
	u := currentURL(c)
	if u.Path != "/groups" {
		return groupsQuery{Size: 50}
	}
	q := parseGroupsQuery(u.Query())
	q.Group, q.Picked, q.SelectPage = 0, nil, false
	return q
}

// groupsVM builds the whole view in a constant number of queries.
func (h *Handler) groupsVM(ctx context.Context, p *principal, q groupsQuery) (views.Groups, error) {
	users, err := h.pickUsersVM(ctx, p, &q)
	if err != nil {
		return views.Groups{}, err
	}
	groups, err := h.groupListVM(ctx, p, &q)
	if err != nil {
		return views.Groups{}, err
	}
	return views.Groups{Users: users, Groups: groups, Back: q.url()}, nil
}

// pickUsersVM pages the tenant's people by name, everyone included (a group
// may give a first role), and keeps the selection.
func (h *Handler) pickUsersVM(ctx context.Context, p *principal, q *groupsQuery) (views.PickUsers, error) {
	f := store.UserFilter{Query: q.Q, IncludeNoRole: true, Sort: "name", Limit: q.Size, After: q.After, Before: q.Before}
	pg, err := h.store.ListUsers(ctx, p.Tenant.ID, f)
	if errors.Is(err, store.ErrBadCursor) {
		q.After, q.Before, f.After, f.Before = "", "", "", ""
		pg, err = h.store.ListUsers(ctx, p.Tenant.ID, f)
	}
	if err != nil {
		return views.PickUsers{}, err
	}
	vm := views.PickUsers{Q: q.Q}
	picked := map[int64]bool{}
	for _, id := range q.Picked {
		picked[id] = true
	}
	onPage := map[int64]bool{}
	for _, a := range pg.Accounts {
		if q.SelectPage && len(picked) < maxPicked {
			picked[a.ID] = true
		}
		onPage[a.ID] = true
		vm.Rows = append(vm.Rows, views.PickUser{ID: a.ID, Name: a.Name(), Email: a.Email, Status: a.Status, Checked: picked[a.ID]})
	}
	for id := range picked {
		if !onPage[id] {
			vm.Hidden = append(vm.Hidden, id)
		}
	}
	slices.Sort(vm.Hidden)
	if pg.Next != "" {
		n := *q
		n.After, n.Before = pg.Next, ""
		vm.NextURL = n.url()
	}
	if pg.Prev != "" {
		n := *q
		n.After, n.Before = "", pg.Prev
		vm.PrevURL = n.url()
	}
	vm.SelectPageURL = withParam(q.url(), "select", "page")
	vm.ClearURL = withParam(q.url(), "select", "none")
	return vm, nil
}

// groupListVM pages the tenant's groups by name; the selected group stays
// selected and a group just changed shows its first members.
func (h *Handler) groupListVM(ctx context.Context, p *principal, q *groupsQuery) (views.GroupList, error) {
	afterName, afterID, ok := decodeKey(q.GAfter)
	if !ok {
		q.GAfter = ""
	}
	rows, err := h.store.Groups(ctx, p.Tenant.ID, q.GQ, afterName, afterID, groupsPerPage+1)
	if err != nil {
		return views.GroupList{}, err
	}
	vm := views.GroupList{Q: q.GQ, Selected: q.Group}
	if len(rows) > groupsPerPage {
		rows = rows[:groupsPerPage]
		n := *q
		last := rows[len(rows)-1]
		n.GAfter = encodeKey(last.Name, last.ID)
		vm.NextURL = n.url()
	}
	if q.GAfter != "" {
		n := *q
		n.GAfter = ""
		vm.FirstURL = n.url()
	}
	ext := p.external()
	for _, g := range rows {
		row := views.GroupRow{ID: g.ID, Name: g.Name, Description: g.Description, Count: g.Members,
			Checked: g.ID == q.Group, SCIM: ext && g.SCIMManaged}
		if g.ID == q.Expand {
			list, err := h.memberList(ctx, p, g, memberQuery{}, false)
			if err != nil {
				return views.GroupList{}, err
			}
			row.Members = &list
		}
		vm.Rows = append(vm.Rows, row)
	}
	return vm, nil
}
