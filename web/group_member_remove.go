package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupMemberRemove takes the members ticked on the group's page out of
// it, or with "select all matching" every member matching the search.
func (h *Handler) groupMemberRemove(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	params, err := c.FormParams()
	if err != nil { // more fields than a form may carry
		return &pageError{status: http.StatusRequestEntityTooLarge, key: "err_too_large"}
	}
	var note views.Status
	if params.Get("all_matching") == "1" {
		if note, g, err = h.removeMatching(c, g, params); err != nil {
			return err
		}
	} else if ids, bad := pickedMembers(ctx, params, "group_err_no_members_ticked"); bad != nil {
		note = *bad
	} else {
		after, err := h.ops.RemoveMembers(ctx, by(c), g.ID, ids)
		if note, g, err = memberChangeNote(ctx, g, after, err, false); err != nil {
			return err
		}
	}
	code := http.StatusOK
	if note.Alert {
		code = http.StatusUnprocessableEntity
	}
	if code == http.StatusOK && !isHTMX(c) {
		return redirect(c, groupPath(g.ID)+"?saved=1")
	}
	vm, err := h.groupPageVM(ctx, p, g, memberQuery{})
	if err != nil {
		return err
	}
	vm.MembersNote = note
	return page(c, code, views.GroupPageView(vm), views.GroupBlock(vm))
}

// removeMatching removes every member matching the search the list showed
// (all_matching, mq, and expect: the count it named), through one operation.
func (h *Handler) removeMatching(c echo.Context, g store.Group, params url.Values) (views.Status, store.Group, error) {
	ctx := c.Request().Context()
	q := clipRunes(strings.TrimSpace(params.Get("mq")), 200)
	expect, _ := strconv.Atoi(params.Get("expect"))
	after, err := h.ops.RemoveMatchingMembers(ctx, by(c), g.ID, q, expect)
	e, refused := ops.As(err)
	switch {
	case refused:
		return views.Status{Text: i18n.T(ctx, e.Key), Alert: true}, g, nil
	case err == nil:
		return views.Status{Text: i18n.T(ctx, "i16g_removed_matching",
			map[string]any{"Count": views.MemberCount(ctx, max(g.Members-after.Members, 0)), "Name": g.Name})}, after, nil
	case errors.Is(err, store.ErrMatchingMoved):
		n, cerr := h.store.CountGroupMembersMatching(ctx, who(c).Tenant.ID, g.ID, q, store.MaxBulkMembers)
		if cerr != nil {
			return views.Status{}, g, cerr
		}
		return views.Status{Text: i18n.T(ctx, "i16g_err_matching_moved", map[string]any{"Count": i18n.Num(ctx, n)}), Alert: true}, g, nil
	case errors.Is(err, store.ErrTooManyMatching):
		return views.Status{Text: i18n.T(ctx, "i16g_err_too_many", map[string]any{"Max": i18n.Num(ctx, store.MaxBulkMembers)}), Alert: true}, g, nil
	case errors.Is(err, store.ErrLastManager):
		return views.Status{Text: i18n.T(ctx, "group_err_last_manager_members", map[string]any{"Name": g.Name}), Alert: true}, g, nil
	case errors.Is(err, store.ErrNotFound):
		return views.Status{}, g, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return views.Status{}, g, err
}
