package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupMemberRemove takes the members ticked on the group's page out of it.
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
	ids, bad := parseIDs(params["account_id"])
	var note views.Status
	switch {
	case bad:
		note = alert(ctx, "ug_err_unknown_account")
	case len(ids) == 0:
		note = alert(ctx, "group_err_no_members_ticked")
	case len(ids) > maxPicked:
		note = views.Status{Text: i18n.T(ctx, "ug_err_too_many", map[string]any{"Max": i18n.Num(ctx, maxPicked)}), Alert: true}
	default:
		after, err := h.ops.RemoveMembers(ctx, by(c), g.ID, ids)
		e, refused := ops.As(err)
		switch {
		case refused:
			note = views.Status{Text: i18n.T(ctx, e.Key), Alert: true}
		case err == nil:
			note = views.Status{Text: transferMessage(ctx, false, max(g.Members-after.Members, 0), g.Name)}
			g = after
		case errors.Is(err, store.ErrUnknownAccount):
			note = alert(ctx, "ug_err_unknown_account")
		case errors.Is(err, store.ErrLastManager):
			note = views.Status{Text: i18n.T(ctx, "group_err_last_manager_members", map[string]any{"Name": g.Name}), Alert: true}
		case errors.Is(err, store.ErrNotFound):
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		default:
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
	vm, err := h.groupPageVM(ctx, p, g, "")
	if err != nil {
		return err
	}
	vm.MembersNote = note
	return page(c, code, views.GroupPageView(vm), views.GroupBlock(vm))
}
