package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/views"
)

// resetTTL is how long a password reset link works.
const resetTTL = 30 * time.Minute

// forgotForm asks for the address to send a reset link to.
func (h *Handler) forgotForm(c echo.Context) error {
	return render(c, http.StatusOK, views.ForgotPage(views.Forgot{}))
}

// forgot mails a reset link to every active password account with this
// address, and answers the same whether there is one or not.
func (h *Handler) forgot(c echo.Context) error {
	ctx := c.Request().Context()
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	if len(email) > 254 || !form.ValidEmail(email) {
		return render(c, http.StatusUnprocessableEntity, views.ForgotPage(views.Forgot{Email: email, Error: i18n.T(ctx, "err_email")}))
	}
	if blocked, wait := h.mailThrottled(c.RealIP(), email); blocked {
		return tooMany(c, wait, views.ForgotPage(views.Forgot{Email: email,
			Error: i18n.T(ctx, "err_mail_throttled", map[string]any{"Minutes": minutes(wait)})}))
	}
	// The work happens after the answer: whether an account exists shows
	// neither in what the page says nor in how long it takes to say it.
	ip, bg := c.RealIP(), context.WithoutCancel(ctx)
	h.later(func() {
		if err := h.sendResets(bg, ip, email); err != nil {
			h.log.ErrorContext(bg, "forgot password", "err", err)
		}
	})
	return message(c, http.StatusOK, "forgot_sent_title",
		i18n.T(ctx, "forgot_sent_body", map[string]any{"Email": email}), "/signin", "back_to_signin")
}

// sendResets mails a reset link to every active password account with email.
func (h *Handler) sendResets(ctx context.Context, ip, email string) error {
	return h.ops.RequestResets(ctx, email, ip)
}

// tooMany answers 429 with Retry-After and the page that explains it.
func tooMany(c echo.Context, wait time.Duration, page templ.Component) error {
	c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
	return render(c, http.StatusTooManyRequests, page)
}

func minutes(d time.Duration) int { return max(int(math.Ceil(d.Minutes())), 1) }
