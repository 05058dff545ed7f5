package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
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
	updated, err := h.ops.SetStatus(ctx, by(c), a.ID, status)
	if err != nil {
		return h.refuseErr(c, a, err)
	}
	if isHTMX(c) && hxTarget(c) != "sidebar" {
		roles, err := h.rowRoles(ctx, p.Tenant.ID, a.ID)
		if err != nil {
			return err
		}
		row := views.UserRowView(userRow(ctx, updated, roles, p.Account.ID, p.locks(updated), h.store.Now()))
		if !sidebarShows(c, updated) {
			return render(c, http.StatusOK, row)
		}
		// The sidebar shows this person too: its status and actions follow.
		vm, err := h.editVM(ctx, p, updated)
		if err != nil {
			return err
		}
		return render(c, http.StatusOK, row, views.UserStateOOB(vm))
	}
	notice := "notice_activated"
	if status == "deactivated" {
		notice = "notice_deactivated"
	}
	return h.afterChange(c, updated, notice)
}

// sidebarShows reports whether the page that asked has this home person's
// sidebar open (static/rowmenu.js names it in X-Sidebar-User).
func sidebarShows(c echo.Context, a store.Account) bool {
	return c.Request().Header.Get("X-Sidebar-User") == "user-"+strconv.FormatInt(a.ID, 10) && a.TenantID == who(c).Tenant.ID
}

// refuseErr shows an operation's refusal (or the store's last-manager and
// not-pending ones) as refuse does; other errors pass on.
func (h *Handler) refuseErr(c echo.Context, a store.Account, err error) error {
	ctx := c.Request().Context()
	if e, ok := ops.As(err); ok {
		return h.refuse(c, a, i18n.T(ctx, e.Key))
	}
	for sentinel, key := range refusals {
		if errors.Is(err, sentinel) {
			return h.refuse(c, a, i18n.T(ctx, key))
		}
	}
	return err
}

// refusals are the store's refusals a user action shows beside the account.
var refusals = map[error]string{store.ErrLastManager: "err_last_manager", store.ErrNotPending: "err_not_pending",
	store.ErrUnconfirmed: "err_unconfirmed"}

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
