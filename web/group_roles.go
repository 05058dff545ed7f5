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

// groupRoles saves the group's Role Group: the posted toggles become the
// roles every member inherits. htmx gets the toggles and, out of band, the
// Access section they change.
func (h *Handler) groupRoles(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	g, err := h.group(c)
	if err != nil {
		return err
	}
	ids, bad := postedIDs(c, "role")
	alert := i18n.T(ctx, "err_unknown_role")
	if !bad {
		err := h.ops.SetGroupRoles(ctx, by(c), g.ID, ids)
		e, refused := ops.As(err)
		switch {
		case refused:
			alert = i18n.T(ctx, e.Key)
			if msg := e.Fields["role_ids"]; msg != "" {
				alert = msg
			}
		case err == nil:
			if !isHTMX(c) {
				return redirect(c, groupPath(g.ID)+"?saved=1")
			}
			vm, err := h.groupPageVM(ctx, p, g, memberQuery{})
			if err != nil {
				return err
			}
			vm.RolesSaved = true
			return render(c, http.StatusOK, views.GroupRoleToggles(vm), views.GroupAccess(vm.Access, true))
		case errors.Is(err, store.ErrLastManager):
			alert = i18n.T(ctx, "group_err_last_manager_roles", map[string]any{"Name": g.Name})
		case errors.Is(err, store.ErrNotFound):
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		case !errors.Is(err, store.ErrUnknownRole):
			return err
		}
	}
	vm, err := h.groupPageVM(ctx, p, g, memberQuery{})
	if err != nil {
		return err
	}
	vm.RolesAlert = alert
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.GroupRoleToggles(vm))
	}
	return render(c, http.StatusUnprocessableEntity, views.GroupPageView(vm))
}
