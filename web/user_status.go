package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userActivate lets a deactivated or pending user sign in again.
func (h *Handler) userActivate(c echo.Context) error { return h.setStatus(c, "active") }

// userDeactivate stops a user and ends their sessions at once.
func (h *Handler) userDeactivate(c echo.Context) error { return h.setStatus(c, "deactivated") }

func (h *Handler) setStatus(c echo.Context, status string) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	if a.ID == p.Account.ID {
		return h.refuse(c, a, views.T(ctx, "err_self_status"))
	}
	if !typeChangeAllowed(p, a.UserType, a.UserType) {
		return h.refuse(c, a, views.T(ctx, "err_admin_only"))
	}
	updated, err := h.store.SetStatus(ctx, h.actor(c), a.ID, status)
	switch {
	case errors.Is(err, store.ErrLastManager):
		return h.refuse(c, a, views.T(ctx, "err_last_manager"))
	case errors.Is(err, store.ErrUnconfirmed):
		return h.refuse(c, a, views.T(ctx, "err_unconfirmed"))
	case err != nil:
		return err
	}
	if isHTMX(c) && hxTarget(c) != "sidebar" {
		roles, err := h.rowRoles(ctx, p.Account.TenantID, a.ID)
		if err != nil {
			return err
		}
		return render(c, http.StatusOK, views.UserRowView(userRow(ctx, updated, roles, p.Account.ID)))
	}
	notice := "notice_activated"
	if status == "deactivated" {
		notice = "notice_deactivated"
	}
	return h.afterChange(c, updated, notice)
}

// refuse explains why a status change cannot happen: in the sidebar, as a
// toast beside the table, or on the sidebar's page without htmx.
func (h *Handler) refuse(c echo.Context, a store.Account, msg string) error {
	if isHTMX(c) && hxTarget(c) != "sidebar" {
		return toast(c, http.StatusConflict, msg)
	}
	vm, err := h.editVM(c.Request().Context(), who(c), a)
	if err != nil {
		return err
	}
	vm.Alert = msg
	return h.sidebar(c, http.StatusUnprocessableEntity, views.UserEditSidebar(vm))
}
