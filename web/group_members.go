package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupMembers serves one page of a group's members: to the panel's
// unfolded group or the group page's list for htmx, as the group page otherwise.
func (h *Handler) groupMembers(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	after := c.QueryParam("after")
	if !isHTMX(c) {
		vm, err := h.groupPageVM(ctx, p, g, after)
		if err != nil {
			return err
		}
		return render(c, http.StatusOK, views.GroupPageView(vm))
	}
	list, err := h.memberList(ctx, p, g, after, strings.HasPrefix(hxTarget(c), "members-"))
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.MemberListView(list))
}

// memberList reads one page of members after the cursor: one query, whatever
// the size of the group.
func (h *Handler) memberList(ctx context.Context, p *principal, g store.Group, cursor string, onPage bool) (views.MemberList, error) {
	name, id, ok := decodeKey(cursor)
	if !ok {
		cursor, name, id = "", "", 0
	}
	rows, err := h.store.GroupMembers(ctx, p.Tenant.ID, g.ID, name, id, membersPerPage+1)
	if err != nil {
		return views.MemberList{}, err
	}
	list := views.MemberList{GroupID: g.ID, GroupName: g.Name, Count: g.Members, Paged: cursor != "", Page: onPage}
	if len(rows) > membersPerPage {
		rows = rows[:membersPerPage]
		last := rows[len(rows)-1]
		list.Next = encodeKey(last.SortName, last.AccountID)
	}
	for _, m := range rows {
		list.Rows = append(list.Rows, views.MemberRow{ID: m.AccountID, Name: m.Name, Email: m.Email, Status: m.Status})
	}
	return list, nil
}

// group loads the :id group of the current tenant; another tenant's id is 404.
func (h *Handler) group(c echo.Context) (store.Group, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Group{}, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return h.groupByID(c.Request().Context(), who(c), id)
}

func (h *Handler) groupByID(ctx context.Context, p *principal, id int64) (store.Group, error) {
	g, err := h.store.Group(ctx, p.Tenant.ID, id)
	return g, err
}
