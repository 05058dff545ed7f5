package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// roleDelete deletes a custom role. When people or groups hold it, it first
// asks, saying how many: they lose the role, and nothing else goes with it.
func (h *Handler) roleDelete(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	r, err := h.customRole(c)
	if err != nil {
		return err
	}
	d := views.RoleDialog{Title: i18n.T(ctx, "roles_delete_title", map[string]any{"Name": r.Name}),
		Action: "/roles/" + strconv.FormatInt(r.ID, 10) + "/delete", Target: "roles-dialog", Submit: i18n.T(ctx, "roles_delete_anyway"), Cancel: "/roles"}
	if c.FormValue("confirm") != "1" {
		users, groups, err := h.store.RoleUsage(ctx, p.Tenant.ID, r.ID)
		if err != nil {
			return err
		}
		if users+groups > 0 {
			d.Message = i18n.T(ctx, "roles_delete_held", map[string]any{"Users": views.CountUsers(ctx, users), "Groups": views.CountGroups(ctx, groups)})
			return h.roleDialog(c, http.StatusOK, d)
		}
	}
	switch err := h.ops.DeleteRole(ctx, by(c), r.ID); {
	case err == nil:
		return redirect(c, "/roles?done=deleted")
	case errors.Is(err, store.ErrLastManager):
		d.Alert = i18n.T(ctx, "err_role_last_manager")
		return h.roleDialog(c, http.StatusUnprocessableEntity, d)
	case errors.Is(err, store.ErrNotFound):
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	default:
		return err
	}
}
