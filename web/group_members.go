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

// memberQuery is a group page's member list state, in its address: a
// search (mq) and the page's cursor.
type memberQuery struct {
	After, Q string
}

func memberQueryOf(c echo.Context) memberQuery {
	return memberQuery{After: c.QueryParam("after"), Q: clipRunes(strings.TrimSpace(c.QueryParam("mq")), 200)}
}

// groupMembers serves one page of a group's members, of a search when mq
// is given: to the panel's unfolded group or the group page's list for
// htmx, as the group page otherwise.
func (h *Handler) groupMembers(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	mq := memberQueryOf(c)
	if !isHTMX(c) {
		vm, err := h.groupPageVM(ctx, p, g, mq)
		if err != nil {
			return err
		}
		return render(c, http.StatusOK, views.GroupPageView(vm))
	}
	onPage := strings.HasPrefix(hxTarget(c), "members-")
	if !onPage {
		mq.Q = "" // the panel lists members without a search
	}
	list, err := h.memberList(ctx, p, g, mq, onPage)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.MemberListView(list))
}

// memberList reads one page of members after the cursor: one query, whatever
// the size of the group; a search adds one bounded count of its matches.
func (h *Handler) memberList(ctx context.Context, p *principal, g store.Group, mq memberQuery, onPage bool) (views.MemberList, error) {
	cursor := mq.After
	name, id, ok := decodeKey(cursor)
	if !ok {
		cursor, name, id = "", "", 0
	}
	rows, err := h.store.SearchGroupMembers(ctx, p.Tenant.ID, g.ID, mq.Q, name, id, membersPerPage+1)
	if err != nil {
		return views.MemberList{}, err
	}
	list := views.MemberList{GroupID: g.ID, GroupName: g.Name, Count: g.Members, Paged: cursor != "", Page: onPage,
		Query: mq.Q, Matching: g.Members, MaxBulk: store.MaxBulkMembers}
	if mq.Q != "" {
		if list.Matching, err = h.store.CountGroupMembersMatching(ctx, p.Tenant.ID, g.ID, mq.Q, store.MaxBulkMembers); err != nil {
			return list, err
		}
	}
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
