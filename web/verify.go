package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/views"
)

// verifyShow asks to confirm a registration's email address. It only looks
// the link up: mail scanners fetch links, and a GET must not use one up.
func (h *Handler) verifyShow(c echo.Context) error {
	ctx := c.Request().Context()
	_, acct, err := h.openLink(c, "verify")
	if err != nil {
		return badLink(c, err)
	}
	t, err := h.store.Tenant(ctx, acct.TenantID)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.VerifyPage(views.VerifyForm{Token: c.Param("token"), Tenant: t.Name, Email: acct.Email}))
}

// verifyConfirm uses the link: the account becomes active with the tenant's
// default roles, and the person is signed in. Home then shows the console,
// or, without roles, that their access waits for an administrator.
func (h *Handler) verifyConfirm(c echo.Context) error {
	acct, _, err := h.store.VerifyRegistration(c.Request().Context(), linkHash(c), c.RealIP())
	if err != nil {
		return badLink(c, err)
	}
	if err := h.startSession(c, acct); err != nil {
		return err
	}
	return redirect(c, "/")
}
