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

// userRoles saves the Role Group: the posted toggles become the user's roles.
func (h *Handler) userRoles(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	person, err := h.person(c)
	if err != nil {
		return err
	}
	a := person.Account
	alert, err := h.replaceRoles(c, a.ID, person.Member)
	switch {
	case err != nil:
		return err
	case alert == "":
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
		return render(c, http.StatusOK, views.RoleToggles(vm), views.UserAccessOOB(vm), row)
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

// replaceRoles makes the posted "role" ids the account's direct roles, within
// the actor's own access. A refusal comes back as its message; "" is done.
// A member's roles here go through the membership operation.
func (h *Handler) replaceRoles(c echo.Context, accountID int64, member bool) (string, error) {
	ctx := c.Request().Context()
	ids, bad := postedIDs(c, "role")
	if bad {
		return i18n.T(ctx, "err_unknown_role"), nil
	}
	var err error
	if member {
		_, err = h.ops.SetMemberRoles(ctx, by(c), accountID, ids)
	} else {
		err = h.ops.SetRoles(ctx, by(c), accountID, ids)
	}
	if e, ok := ops.As(err); ok {
		if msg, ok := e.Fields["role_ids"]; ok {
			return msg, nil
		}
		return i18n.T(ctx, e.Key, e.Data), nil
	}
	switch {
	case err == nil:
		return "", nil
	case errors.Is(err, store.ErrUnknownRole):
		return i18n.T(ctx, "err_unknown_role"), nil
	case errors.Is(err, store.ErrLastManager):
		return i18n.T(ctx, "err_last_manager"), nil
	}
	return "", err
}
