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

// userRoleEnd sets or clears (clear=1) when a person's direct role ends,
// from the user page's Access tab, through ops.SetRoleExpiry.
func (h *Handler) userRoleEnd(c echo.Context) error {
	return h.grantEnd(c, "role_id", func(p ops.Principal, account, ref int64, raw string) error {
		return h.ops.SetRoleExpiry(c.Request().Context(), p, account, ref, raw)
	})
}

// userGroupEnd sets or clears when a person's membership of a group ends,
// through ops.SetMembershipExpiry.
func (h *Handler) userGroupEnd(c echo.Context) error {
	return h.grantEnd(c, "group_id", func(p ops.Principal, account, ref int64, raw string) error {
		return h.ops.SetMembershipExpiry(c.Request().Context(), p, ref, account, raw)
	})
}

// grantEnd binds the grant (field names its role or group) and its end, asks
// set, and answers with the Access tab: a notice, or the refusal.
func (h *Handler) grantEnd(c echo.Context, field string, set func(p ops.Principal, account, ref int64, raw string) error) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.person(c)
	if err != nil {
		return err
	}
	ref, err := strconv.ParseInt(c.FormValue(field), 10, 64)
	raw := c.FormValue("expires_at")
	if c.FormValue("clear") == "1" {
		raw = ""
	}
	status, notice, alert := http.StatusOK, "grant_end_saved", ""
	switch {
	case err != nil || ref <= 0:
		err = store.ErrNotHeld
	default:
		err = set(by(c), a.ID, ref, raw)
	}
	if err != nil {
		e, ok := ops.As(err)
		switch {
		case ok:
			status, alert = opsStatus[e.Kind], i18n.T(ctx, e.Key, e.Data)
			for _, m := range e.Fields {
				alert = m // the field's message says it best
			}
		case errors.Is(err, store.ErrNotHeld), errors.Is(err, store.ErrNotFound):
			status, alert = http.StatusUnprocessableEntity, i18n.T(ctx, "grant_end_not_held")
		case errors.Is(err, store.ErrLastManager):
			status, alert = http.StatusConflict, i18n.T(ctx, "err_last_manager")
		default:
			return err
		}
		notice = ""
	}
	if !isHTMX(c) && err == nil {
		return redirect(c, views.UserPageURL(a.ID, "access", nil))
	}
	vm, verr := h.userPageVM(ctx, p, a, "access", nil)
	if verr != nil {
		return verr
	}
	vm.Notice, vm.Alert = notice, alert
	return page(c, status, views.UserPageView(vm), views.UserPageBlock(vm))
}
