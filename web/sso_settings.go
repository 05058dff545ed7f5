package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/views"
)

// ssoSettingsShow serves Settings → Single sign-on.
func (h *Handler) ssoSettingsShow(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	saved, exists, err := h.savedSSO(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	vm := h.ssoVM(ssoFormOf(saved, exists), saved, exists)
	switch c.QueryParam("done") {
	case "saved":
		vm.Notice = "ssoset_saved"
	case "removed":
		vm.Notice = "ssoset_removed"
	}
	return page(c, http.StatusOK, views.SSOSettingsPage(vm), views.SSOSettingsBlock(vm))
}

// ssoSettingsSave saves the connection through ops.SaveSSO: bad fields are
// said beside them (422), a domain another tenant routes or the last
// manager's refusal over the form (409); nothing changes then.
func (h *Handler) ssoSettingsSave(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	f := bindSSOSettings(c)
	before, existed, err := h.savedSSO(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	want := f.ops()
	err = h.ops.SaveSSO(ctx, by(c), want)
	e, refused := ops.As(err)
	switch {
	case err == nil:
		// The sign-in flow's cached discovery follows the connection.
		want.Normalize()
		h.sso.Forget(before.Issuer)
		h.sso.Forget(want.Issuer)
		return redirect(c, "/settings/sso?done=saved")
	case !refused:
		return err
	}
	status := http.StatusUnprocessableEntity
	vm := h.ssoVM(f.SSOSettings, before, existed)
	vm.Errors = e.Fields
	if e.Kind == ops.Conflict {
		status = conflictStatus(c)
		for _, msg := range e.Fields {
			vm.Alert = msg
		}
	}
	return page(c, status, views.SSOSettingsPage(vm), views.SSOSettingsBlock(vm))
}

// ssoSettingsRemove asks first (the page says what removing does), then
// removes the connection through ops.RemoveSSO.
func (h *Handler) ssoSettingsRemove(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	saved, exists, err := h.savedSSO(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	vm := h.ssoVM(ssoFormOf(saved, exists), saved, exists)
	if !exists {
		return redirect(c, "/settings/sso")
	}
	if c.FormValue("confirm") != "1" {
		vm.ConfirmRemove = true
		return page(c, http.StatusOK, views.SSOSettingsPage(vm), views.SSOSettingsBlock(vm))
	}
	err = h.ops.RemoveSSO(ctx, by(c))
	if e, refused := ops.As(err); refused && e.Kind == ops.Conflict {
		vm.Alert = i18n.T(ctx, e.Key, e.Data)
		return page(c, conflictStatus(c), views.SSOSettingsPage(vm), views.SSOSettingsBlock(vm))
	} else if err != nil {
		return err
	}
	h.sso.Forget(saved.Issuer)
	return redirect(c, "/settings/sso?done=removed")
}

// conflictStatus is 409, or 422 for htmx: the one error status it swaps, so
// the refusal shows over the form rather than as a toast.
func conflictStatus(c echo.Context) int {
	if isHTMX(c) {
		return http.StatusUnprocessableEntity
	}
	return http.StatusConflict
}
