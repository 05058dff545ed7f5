package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupDelete deletes a group nothing holds any more; otherwise the page
// says what still holds it ("12 members").
func (h *Handler) groupDelete(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	err = h.ops.DeleteGroup(ctx, by(c), g.ID)
	var inUse *store.InUse
	switch {
	case err == nil:
		return redirect(c, "/groups?deleted=1")
	case errors.Is(err, store.ErrNotFound):
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	case !errors.As(err, &inUse):
		return err
	}
	if g, err = h.groupByID(ctx, p, g.ID); err != nil {
		return err
	}
	vm, err := h.groupPageVM(ctx, p, g, "")
	if err != nil {
		return err
	}
	vm.DeleteAlert = i18n.T(ctx, "group_err_in_use", map[string]any{"Name": g.Name, "Holders": holders(ctx, inUse)})
	return page(c, http.StatusUnprocessableEntity, views.GroupPageView(vm), views.GroupBlock(vm))
}

// holders names what still holds a group: "12 members", later "projects Apollo, Zeus".
func holders(ctx context.Context, u *store.InUse) string {
	var parts []string
	if u.Members > 0 {
		parts = append(parts, views.MemberCount(ctx, u.Members))
	}
	if len(u.Projects) > 0 {
		parts = append(parts, i18n.T(ctx, "group_held_projects", map[string]any{"Names": strings.Join(u.Projects, ", ")}))
	}
	return strings.Join(parts, i18n.T(ctx, "group_held_and"))
}
