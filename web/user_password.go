package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
)

// canSetPassword: a password user other than oneself (who uses My account),
// whose access the actor holds too (mayAct): setting its password is taking it.
func canSetPassword(p *principal, a store.Account, mayAct bool) bool {
	return p.Perms.Has(auth.UsersManage) && a.AuthMethod == "password" && a.Kind == "user" &&
		a.ID != p.Account.ID && mayAct
}

// userTempPassword sets a password the administrator chose and tells the
// person; they must replace it at their next sign-in, and every session they
// had ends now. The password itself reaches neither the log nor the audit.
func (h *Handler) userTempPassword(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	switch {
	case a.ID == p.Account.ID:
		return &pageError{status: http.StatusForbidden, key: "err_temp_password_self"}
	case a.AuthMethod != "password":
		return errSSOPassword
	}
	if err := h.mayActFor(ctx, p, a); err != nil {
		return err
	}
	if !canSetPassword(p, a, true) {
		return &pageError{status: http.StatusForbidden, key: "err_admin_only"}
	}
	pw := c.FormValue("temp_password")
	if msg := form.PasswordError(ctx, pw); msg != "" {
		vm, err := h.editVM(ctx, p, a)
		if err != nil {
			return err
		}
		vm.Errors = map[string]string{"temp_password": msg}
		return h.sidebar(c, http.StatusUnprocessableEntity, views.UserEditSidebar(vm))
	}
	hash, err := h.hasher.Hash(ctx, pw)
	if err != nil {
		return err
	}
	err = h.store.SetTemporaryPassword(ctx, h.actor(c), a.ID, hash)
	if errors.Is(err, store.ErrNotFound) {
		return errSSOPassword // became SSO or vanished since it was loaded
	}
	if err != nil {
		return err
	}
	return h.afterChange(c, a, "notice_temp_password")
}
