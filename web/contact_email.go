package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/views"
)

// contactTTL is how long a contact-email verification link works.
const contactTTL = 7 * 24 * time.Hour

// contactEmailMessage checks an optional contact email.
func contactEmailMessage(ctx context.Context, email string) string {
	switch {
	case email == "":
		return ""
	case len(email) > 254:
		return i18n.T(ctx, "err_too_long", map[string]any{"Max": 254})
	case !form.ValidEmail(email):
		return i18n.T(ctx, "err_email")
	}
	return ""
}

// contactVerifyForm asks the owner of a contact address to confirm it (a
// GET changes nothing: mail scanners open links).
func (h *Handler) contactVerifyForm(c echo.Context) error {
	_, a, err := h.openLink(c, "contact")
	if err != nil {
		return badLink(c, err)
	}
	ctx := c.Request().Context()
	return render(c, http.StatusOK, views.ConfirmPage(views.Confirm{Title: "contact_verify_title",
		Body:   i18n.T(ctx, "contact_verify_body", map[string]any{"Email": a.ContactEmail, "Name": a.Name()}),
		Action: "/contact/verify/" + c.Param("token"), Submit: "contact_verify_submit"}))
}

// contactVerify uses the link: the address is verified if it is still the
// account's contact email.
func (h *Handler) contactVerify(c echo.Context) error {
	ctx := c.Request().Context()
	a, err := h.ops.VerifyContactEmail(ctx, linkHash(c), c.RealIP())
	if err != nil {
		return badLink(c, err)
	}
	return message(c, http.StatusOK, "contact_verified_title",
		i18n.T(ctx, "contact_verified_body", map[string]any{"Email": a.ContactEmail}), "", "")
}
