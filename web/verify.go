package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// verifyShow asks to confirm a registration's email address. It only looks
// the link up: mail scanners fetch links, and a GET must not use one up.
func (h *Handler) verifyShow(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	if !auth.ValidLinkToken(token) {
		return badLink(c, http.StatusNotFound)
	}
	_, acct, err := h.store.OpenLink(ctx, auth.HashLinkToken(token), "verify")
	if errors.Is(err, store.ErrBadLink) || err == nil && acct.Status != "pending" {
		return badLink(c, http.StatusGone)
	}
	if err != nil {
		return err
	}
	t, err := h.store.Tenant(ctx, acct.TenantID)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.VerifyPage(views.VerifyForm{Token: token, Tenant: t.Name, Email: acct.Email}))
}

// verifyConfirm uses the link: the account becomes active with the tenant's
// default roles, and the person is signed in. Home then shows the console,
// or, without roles, that their access waits for an administrator.
func (h *Handler) verifyConfirm(c echo.Context) error {
	token := c.Param("token")
	if !auth.ValidLinkToken(token) {
		return badLink(c, http.StatusNotFound)
	}
	acct, _, err := h.store.VerifyRegistration(c.Request().Context(), auth.HashLinkToken(token), c.RealIP())
	if errors.Is(err, store.ErrBadLink) {
		return badLink(c, http.StatusGone)
	}
	if err != nil {
		return err
	}
	if err := h.startSession(c, acct); err != nil {
		return err
	}
	return redirect(c, "/")
}

// badLink is one page for every link that does not work: malformed (404),
// unknown, used or expired (410); it says the same for each.
func badLink(c echo.Context, status int) error {
	ctx := c.Request().Context()
	return render(c, status, views.ErrorPage(views.T(ctx, "verify_bad_title"), views.T(ctx, "verify_bad_body")))
}
