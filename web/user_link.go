package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userResendLink mails a pending account a new invitation or activation
// link; the previous one stops working.
func (h *Handler) userResendLink(c echo.Context) error {
	a, err := h.account(c)
	if err != nil {
		return err
	}
	if err := h.mailLimit(c, a); err != nil {
		return err
	}
	if err := h.ops.ResendLink(c.Request().Context(), by(c), a.ID); err != nil {
		return h.refuseErr(c, a, err)
	}
	return h.afterChange(c, a, "notice_link_sent")
}

// mailLimit refuses sending one more email from the client's address past
// its limit; the limit per recipient is the operation's (ops.LimitMailTo),
// so bulk actions keep it too.
func (h *Handler) mailLimit(c echo.Context, _ store.Account) error {
	if blocked, _ := h.mailIP.Blocked(c.RealIP()); blocked {
		return &pageError{status: http.StatusTooManyRequests, key: "err_mail_throttled_short"}
	}
	h.mailIP.Fail(c.RealIP())
	return nil
}

// userResetPassword mails an active password account a link to choose a new
// password; the administrator never sees or chooses it.
func (h *Handler) userResetPassword(c echo.Context) error {
	a, err := h.account(c)
	if err != nil {
		return err
	}
	if err := h.mailLimit(c, a); err != nil {
		return err
	}
	if err := h.ops.SendReset(c.Request().Context(), by(c), a.ID); err != nil {
		return h.refuseErr(c, a, err)
	}
	return h.afterChange(c, a, "notice_reset_sent")
}

// userDelete deletes a pending password account; every other account is
// deactivated, never deleted.
func (h *Handler) userDelete(c echo.Context) error {
	ctx := c.Request().Context()
	a, err := h.account(c)
	if err != nil {
		return err
	}
	if _, err := h.ops.DeletePending(ctx, by(c), a.ID); err != nil {
		return h.refuseErr(c, a, err)
	}
	msg := i18n.T(ctx, "notice_deleted", map[string]any{"Name": a.Name()})
	if !isHTMX(c) {
		return redirect(c, "/users")
	}
	c.Response().Header().Set("HX-Trigger", toastTrigger(msg))
	return render(c, http.StatusOK, views.UserDeleted(a.ID))
}
