package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// openLink checks the :token of a one-time link without using it. An
// unknown, used, expired or malformed link is errBadLink: one answer for all.
func (h *Handler) openLink(c echo.Context, purpose string) (store.Token, store.Account, error) {
	token := c.Param("token")
	if !auth.ValidLinkToken(token) {
		return store.Token{}, store.Account{}, store.ErrBadLink
	}
	return h.store.OpenLink(c.Request().Context(), auth.HashLinkToken(token), purpose)
}

// linkHash is the stored form of the :token, or "" when it is malformed.
func linkHash(c echo.Context) string {
	token := c.Param("token")
	if !auth.ValidLinkToken(token) {
		return ""
	}
	return auth.HashLinkToken(token)
}

// badLink answers any link that no longer works, or never did, with 410.
func badLink(c echo.Context, err error) error {
	if !errors.Is(err, store.ErrBadLink) {
		return err
	}
	return render(c, http.StatusGone, views.MessagePage(views.Message{Title: "link_invalid_title",
		Body: i18n.T(c.Request().Context(), "link_invalid_body"), Link: "/signin", LinkLabel: "back_to_signin", Alert: true}))
}

// message renders a one-message page.
func message(c echo.Context, status int, title, body, link, label string) error {
	return render(c, status, views.MessagePage(views.Message{Title: title, Body: body, Link: link, LinkLabel: label}))
}
