package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// inviteForm shows an invitation's or activation's set-password page.
func (h *Handler) inviteForm(c echo.Context) error {
	_, a, err := h.openLink(c, "invite")
	if err != nil {
		return badLink(c, err)
	}
	vm, err := h.invitePage(c, a, nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.SetPasswordPage(vm))
}

// inviteAccept sets the password, activates the account, uses the link up and
// signs the person in, with the roles and groups chosen when they were invited,
// and greets them on the welcome page.
func (h *Handler) inviteAccept(c echo.Context) error {
	ctx := c.Request().Context()
	_, a, err := h.openLink(c, "invite")
	if err != nil {
		return badLink(c, err)
	}
	password := c.FormValue("password")
	if errs := newPasswordErrors(ctx, password, c.FormValue("confirm")); len(errs) > 0 {
		vm, err := h.invitePage(c, a, errs)
		if err != nil {
			return err
		}
		return render(c, http.StatusUnprocessableEntity, views.SetPasswordPage(vm))
	}
	hash, err := h.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	a, err = h.ops.AcceptInvitation(ctx, linkHash(c), hash, c.RealIP())
	if err != nil {
		return badLink(c, err)
	}
	if err := h.startSession(c, a); err != nil {
		return err
	}
	return redirect(c, "/welcome")
}

func (h *Handler) invitePage(c echo.Context, a store.Account, errs map[string]string) (views.PasswordForm, error) {
	ctx := c.Request().Context()
	t, err := h.store.Tenant(ctx, a.TenantID)
	if err != nil {
		return views.PasswordForm{}, err
	}
	return views.PasswordForm{Title: "invite_title", Submit: "invite_submit", Action: "/invite/" + c.Param("token"),
		Intro: i18n.T(ctx, "invite_intro", map[string]any{"Name": a.Name(), "Tenant": t.Name, "Email": a.Email}),
		Email: a.Email, Errors: errs}, nil
}
