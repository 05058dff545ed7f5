package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// moduleDelete deletes a module and every role's access to it. When roles
// grant it, it first asks, saying how many: the roles themselves stay.
func (h *Handler) moduleDelete(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	m, err := h.tenantModule(c)
	if err != nil {
		return err
	}
	if c.FormValue("confirm") != "1" {
		roles, err := h.store.Roles(ctx, p.Tenant.ID)
		if err != nil {
			return err
		}
		n := 0
		for _, r := range roles {
			if slices.Contains(r.Permissions, string(auth.Module(m.Key))) {
				n++
			}
		}
		if n > 0 {
			msg := i18n.T(ctx, "modules_delete_granted_other", map[string]any{"N": n})
			if n == 1 {
				msg = i18n.T(ctx, "modules_delete_granted_one")
			}
			return h.moduleDialog(c, http.StatusOK, views.RoleDialog{
				Title:   i18n.T(ctx, "modules_delete_title", map[string]any{"Name": m.Name}),
				Message: msg, Action: "/modules/" + strconv.FormatInt(m.ID, 10) + "/delete", Target: "modules-dialog",
				Submit: i18n.T(ctx, "modules_delete_anyway"), Cancel: "/modules"})
		}
	}
	switch err := h.ops.DeleteModule(ctx, by(c), m.ID); {
	case err == nil:
		return redirect(c, "/modules?done=deleted")
	case errors.Is(err, store.ErrNotFound):
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	default:
		return err
	}
}
