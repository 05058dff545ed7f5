package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupMembersAdd adds the users selected on the left to the group selected
// on the right: one request and one transaction, however many are selected.
func (h *Handler) groupMembersAdd(c echo.Context) error { return h.transfer(c, true) }

// groupMembersRemove takes the selected users out of the selected group.
func (h *Handler) groupMembersRemove(c echo.Context) error { return h.transfer(c, false) }

func (h *Handler) transfer(c echo.Context, add bool) error {
	ctx, p := c.Request().Context(), who(c)
	params, err := c.FormParams()
	if err != nil { // more fields than a form may carry
		return &pageError{status: http.StatusRequestEntityTooLarge, key: "err_too_large"}
	}
	ids, bad := parseIDs(params["account_id"])
	gid, _ := strconv.ParseInt(c.FormValue("group_id"), 10, 64)
	var g store.Group
	var status views.Status
	changed := 0
	switch {
	case gid <= 0:
		status = alert(ctx, "ug_err_no_group")
	case bad:
		status = alert(ctx, "ug_err_unknown_account")
	case len(ids) == 0:
		status = alert(ctx, "ug_err_no_users")
	case len(ids) > maxPicked:
		status = views.Status{Text: i18n.T(ctx, "ug_err_too_many", map[string]any{"Max": i18n.Num(ctx, maxPicked)}), Alert: true}
	default:
		before, err := h.groupByID(ctx, p, gid)
		if err != nil {
			return err
		}
		change := h.ops.RemoveMembers
		if add {
			change = h.ops.AddMembers
		}
		g, err = change(ctx, by(c), gid, ids)
		e, refused := ops.As(err)
		switch {
		case refused:
			status = alert(ctx, e.Key)
		case err == nil:
			changed = g.Members - before.Members
			if !add {
				changed = -changed
			}
			changed = max(changed, 0) // another change at the same moment may blur the difference
			status = views.Status{Text: transferMessage(ctx, add, changed, g.Name)}
		case errors.Is(err, store.ErrUnknownAccount):
			status = alert(ctx, "ug_err_unknown_account")
		case errors.Is(err, store.ErrLastManager):
			status = views.Status{Text: i18n.T(ctx, "group_err_last_manager_members", map[string]any{"Name": before.Name}), Alert: true}
		case errors.Is(err, store.ErrNotFound):
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		default:
			return err
		}
	}
	code := http.StatusOK
	if status.Alert {
		code = http.StatusUnprocessableEntity
	}
	if !isHTMX(c) {
		q := backQuery(c.FormValue("back"))
		q.Group = gid
		if code == http.StatusOK {
			done := "remove"
			if add {
				done = "add"
			}
			u := withParam(withParam(withParam(q.url(), "g", strconv.FormatInt(gid, 10)), "done", done), "n", strconv.Itoa(changed))
			return redirect(c, u)
		}
		q.Picked = ids
		vm, err := h.groupsVM(ctx, p, q)
		if err != nil {
			return err
		}
		vm.Status = status
		return render(c, code, views.GroupsPage(vm))
	}
	q := currentGroupsQuery(c)
	q.Group = gid
	if code == http.StatusOK {
		q.Expand = gid
	}
	list, err := h.groupListVM(ctx, p, &q)
	if err != nil {
		return err
	}
	return render(c, code, views.GroupsPanel(list), views.StatusOOB(status))
}

func alert(ctx context.Context, key string) views.Status {
	return views.Status{Text: i18n.T(ctx, key), Alert: true}
}

// transferMessage says what a change of membership did: "3 users added to Sales".
func transferMessage(ctx context.Context, add bool, n int, group string) string {
	data := map[string]any{"Count": i18n.Num(ctx, n), "Group": group}
	switch {
	case add && n == 0:
		return i18n.T(ctx, "ug_added_none", map[string]any{"Group": group})
	case add && n == 1:
		return i18n.T(ctx, "ug_added_one", map[string]any{"Group": group})
	case add:
		return i18n.T(ctx, "ug_added_many", data)
	case n == 0:
		return i18n.T(ctx, "ug_removed_none", map[string]any{"Group": group})
	case n == 1:
		return i18n.T(ctx, "ug_removed_one", map[string]any{"Group": group})
	}
	return i18n.T(ctx, "ug_removed_many", data)
}

// backQuery is the state of the view a plain form came from (its searches
// and pages); any other address gives the view's first pages.
func backQuery(back string) groupsQuery {
	u, err := url.Parse(back)
	if err != nil || u.Path != "/groups" {
		return groupsQuery{Size: 50}
	}
	q := parseGroupsQuery(u.Query())
	q.Group, q.Picked, q.SelectPage = 0, nil, false
	return q
}
