package web

import (
	"errors"
	"math"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// errSSOPassword refuses password actions on an SSO account.
var errSSOPassword = &pageError{status: http.StatusConflict, key: "err_sso_no_password"}

// passwordForm shows the change-password page; while an administrator's
// temporary password is in force it is the only page the person may see.
func (h *Handler) passwordForm(c echo.Context) error {
	a := who(c).Account
	if a.AuthMethod != "password" {
		return errSSOPassword
	}
	return render(c, http.StatusOK, views.PasswordPage(views.Password{Forced: a.MustChangePassword,
		Next: safeNext(c.QueryParam("next"))}))
}

// passwordChange checks the current password and the policy, then sets the
// new one and ends every other session of the account, in one transaction.
func (h *Handler) passwordChange(c echo.Context) error {
	ctx, a := c.Request().Context(), who(c).Account
	if a.AuthMethod != "password" {
		return errSSOPassword
	}
	current, next, confirm := c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password")
	vm := views.Password{Forced: a.MustChangePassword, Next: safeNext(c.FormValue("next")), Errors: map[string]string{}}
	if msg := form.PasswordError(ctx, next); msg != "" {
		vm.Errors["new_password"] = msg
	} else if confirm != next {
		vm.Errors["confirm_password"] = i18n.T(ctx, "err_password_mismatch")
	} else if next == current {
		vm.Errors["new_password"] = i18n.T(ctx, "err_password_same")
	}
	// The current password is checked whatever else is wrong, at a hash's cost
	// (bounded by the hasher): the form is not a faster oracle than sign-in.
	// Wrong guesses count against the account like failed sign-ins do.
	throttleKey := "acct:" + a.Email
	if blocked, wait := h.acctLim.Blocked(throttleKey); blocked {
		vm.Errors["current_password"] = i18n.T(ctx, "signin_throttled", map[string]any{"Minutes": max(int(math.Ceil(wait.Minutes())), 1)})
		return render(c, http.StatusTooManyRequests, views.PasswordPage(vm))
	}
	if len(current) > 1024 {
		current = ""
	}
	ok, err := h.hasher.Verify(ctx, a.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		h.acctLim.Fail(throttleKey)
		vm.Errors["current_password"] = i18n.T(ctx, "err_current_password")
	}
	if len(vm.Errors) > 0 {
		return render(c, http.StatusUnprocessableEntity, views.PasswordPage(vm))
	}
	hash, err := h.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	_, err = h.ops.ChangePassword(ctx, by(c), hash, sessionHash(c))
	if errors.Is(err, store.ErrNotFound) {
		return errSSOPassword
	}
	if err != nil {
		return err
	}
	if vm.Forced {
		return redirect(c, vm.Next)
	}
	return redirect(c, "/account?done=password")
}
