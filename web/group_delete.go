package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupDelete deletes a group. One with members is deleted only once the
// actor confirmed the count the page named ("Delete Support? Its 1,204
// members lose the access it gives"): the form sends that count back, and
// the operation refuses it if the group has changed since. A group that
// projects use as teams is refused with their names.
func (h *Handler) groupDelete(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	confirm, _ := strconv.Atoi(c.FormValue("confirm_members"))
	err = h.ops.DeleteGroup(ctx, by(c), g.ID, confirm)
	var inUse *store.InUse
	e, refused := ops.As(err)
	switch {
	case err == nil:
		return redirect(c, "/groups?deleted=1")
	case refused: // beyond the actor's access, too large, locked: said on the page
		return h.groupDeleteRefused(c, g, i18n.T(ctx, e.Key, e.Data), nil)
	case errors.Is(err, store.ErrNotFound):
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	case errors.Is(err, store.ErrLastManager):
		return h.groupDeleteRefused(c, g, i18n.T(ctx, "group_err_last_manager_members", map[string]any{"Name": g.Name}), nil)
	case !errors.As(err, &inUse):
		return err
	}
	if g, err = h.groupByID(ctx, p, g.ID); err != nil {
		return err
	}
	if len(inUse.Projects) > 0 {
		return h.groupDeleteRefused(c, g, i18n.T(ctx, "i16g_err_projects",
			map[string]any{"Name": g.Name, "Projects": strings.Join(inUse.Projects, ", ")}), nil)
	}
	// Not confirmed, or confirmed for a count that has moved: ask (again) with the count as it stands.
	return h.groupDeleteRefused(c, g, "", &views.GroupDeleteAsk{Count: g.Members, Text: deleteQuestion(c, g)})
}

// groupDeleteRefused re-renders the group page with why the delete did not
// happen, or the question to confirm it; nothing changed (422).
func (h *Handler) groupDeleteRefused(c echo.Context, g store.Group, alert string, ask *views.GroupDeleteAsk) error {
	vm, err := h.groupPageVM(c.Request().Context(), who(c), g, memberQuery{})
	if err != nil {
		return err
	}
	vm.DeleteAlert, vm.DeleteAsk = alert, ask
	return page(c, http.StatusUnprocessableEntity, views.GroupPageView(vm), views.GroupBlock(vm))
}

// deleteQuestion names what deleting a group with members does, with their count.
func deleteQuestion(c echo.Context, g store.Group) string {
	ctx := c.Request().Context()
	if g.Members == 1 {
		return i18n.T(ctx, "i16g_delete_confirm_one", map[string]any{"Name": g.Name})
	}
	return i18n.T(ctx, "i16g_delete_confirm_many", map[string]any{"Name": g.Name, "Count": i18n.Num(ctx, g.Members)})
}
