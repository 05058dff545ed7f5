package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// verifyShow asks to confirm a registration's email address. It only looks
// the link up: mail scanners fetch links, and a GET must not use one up.
func (h *Handler) verifyShow(c echo.Context) error {
	_, acct, err := h.openLink(c, "verify")
	if err != nil {
		return badLink(c, err)
	}
	vm, err := h.verifyForm(c, acct, nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.VerifyPage(vm))
}

// verifyConfirm uses the link: the account becomes active with the tenant's
// default roles, and the person is signed in. Home then shows the console,
// or, without roles, that their access waits for an administrator. An
// address registered twice chooses its password here.
func (h *Handler) verifyConfirm(c echo.Context) error {
	ctx := c.Request().Context()
	_, acct, err := h.openLink(c, "verify")
	if err != nil {
		return badLink(c, err)
	}
	hash := ""
	if acct.PasswordHash == "" {
		password := c.FormValue("password")
		if errs := newPasswordErrors(ctx, password, c.FormValue("confirm")); len(errs) > 0 {
			vm, err := h.verifyForm(c, acct, errs)
			if err != nil {
				return err
			}
			return render(c, http.StatusUnprocessableEntity, views.VerifyPage(vm))
		}
		if hash, err = h.hasher.Hash(ctx, password); err != nil {
			return err
		}
	}
	acct, _, err = h.ops.VerifyRegistration(ctx, linkHash(c), hash, c.RealIP())
	if err != nil {
		return badLink(c, err)
	}
	if err := h.startSession(c, acct); err != nil {
		return err
	}
	return redirect(c, "/")
}

func (h *Handler) verifyForm(c echo.Context, acct store.Account, errs map[string]string) (views.VerifyForm, error) {
	t, err := h.store.Tenant(c.Request().Context(), acct.TenantID)
	if err != nil {
		return views.VerifyForm{}, err
	}
	return views.VerifyForm{Token: c.Param("token"), Tenant: t.Name, Email: acct.Email,
		ChoosePassword: acct.PasswordHash == "", Errors: errs}, nil
}
