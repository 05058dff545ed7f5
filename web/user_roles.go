package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userRoles saves the Role Group: the posted toggles become the user's roles.
func (h *Handler) userRoles(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	ids, bad := postedIDs(c, "role")
	alert := views.T(ctx, "err_unknown_role")
	if !bad {
		held, err := h.directRoleIDs(ctx, p.Account.TenantID, a.ID)
		if err != nil {
			return err
		}
		if err = h.checkGrant(ctx, p, ids, held); err == nil {
			err = h.store.SetRoles(ctx, h.actor(c), a.ID, ids)
		}
		switch {
		case err == nil:
			if !isHTMX(c) {
				return h.afterChange(c, a, "")
			}
			vm, err := h.editVM(ctx, p, a)
			if err != nil {
				return err
			}
			row, err := h.rowOOB(ctx, p, a)
			if err != nil {
				return err
			}
			vm.RolesSaved = true
			return render(c, http.StatusOK, views.RoleToggles(vm), row)
		case errors.Is(err, store.ErrLastManager):
			alert = views.T(ctx, "err_last_manager")
		case errors.Is(err, errBeyondGrant):
			alert = views.T(ctx, "err_grant_beyond")
		case !errors.Is(err, store.ErrUnknownRole):
			return err
		}
	}
	vm, err := h.editVM(ctx, p, a)
	if err != nil {
		return err
	}
	vm.RolesAlert = alert
	if isHTMX(c) {
		return render(c, http.StatusUnprocessableEntity, views.RoleToggles(vm))
	}
	return h.sidebar(c, http.StatusUnprocessableEntity, views.UserEditSidebar(vm))
}
