package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// resetForm shows a reset link's set-password page.
func (h *Handler) resetForm(c echo.Context) error {
	_, a, err := h.openLink(c, "reset")
	if err != nil {
		return badLink(c, err)
	}
	return render(c, http.StatusOK, views.SetPasswordPage(resetPage(c, a, nil)))
}

// reset changes the password, uses the link up and ends every session of the
// account; the person then signs in with the new password.
func (h *Handler) reset(c echo.Context) error {
	ctx := c.Request().Context()
	_, a, err := h.openLink(c, "reset")
	if err != nil {
		return badLink(c, err)
	}
	password := c.FormValue("password")
	if errs := newPasswordErrors(ctx, password, c.FormValue("confirm")); len(errs) > 0 {
		return render(c, http.StatusUnprocessableEntity, views.SetPasswordPage(resetPage(c, a, errs)))
	}
	hash, err := h.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	if _, err := h.ops.ResetPassword(ctx, linkHash(c), hash, c.RealIP()); err != nil {
		return badLink(c, err)
	}
	return message(c, http.StatusOK, "reset_done_title", i18n.T(ctx, "reset_done_body"), "/signin", "signin_submit")
}

func resetPage(c echo.Context, a store.Account, errs map[string]string) views.PasswordForm {
	return views.PasswordForm{Title: "reset_title", Submit: "reset_submit", Action: "/password/reset/" + c.Param("token"),
		Intro: i18n.T(c.Request().Context(), "reset_intro", map[string]any{"Email": a.Email}), Email: a.Email, Errors: errs}
}
