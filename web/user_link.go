package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userResendLink mails a pending account a new invitation or activation
// link; the previous one stops working.
func (h *Handler) userResendLink(c echo.Context) error {
	a, refusal, err := h.linkTarget(c, "pending")
	if err != nil || refusal != "" {
		return h.refused(c, a, refusal, err)
	}
	if err := h.resend(c, a); err != nil {
		return err
	}
	return h.afterChange(c, a, "notice_link_sent")
}

func (h *Handler) resend(c echo.Context, a store.Account) error {
	ctx := c.Request().Context()
	if blocked, _ := h.mailThrottled(c.RealIP(), a.Email); blocked {
		return &pageError{status: http.StatusTooManyRequests, key: "err_mail_throttled_short"}
	}
	link, err := h.inviteLink(ctx, who(c), a)
	if err != nil {
		return err
	}
	if err := h.store.SendLink(ctx, h.actor(c), a.ID, link, store.ActionUserInvitationResend); err != nil {
		return err
	}
	h.queued()
	return nil
}

// userResetPassword mails an active password account a link to choose a new
// password; the administrator never sees or chooses it.
func (h *Handler) userResetPassword(c echo.Context) error {
	a, refusal, err := h.linkTarget(c, "active")
	if err != nil || refusal != "" {
		return h.refused(c, a, refusal, err)
	}
	if blocked, _ := h.mailThrottled(c.RealIP(), a.Email); blocked {
		return &pageError{status: http.StatusTooManyRequests, key: "err_mail_throttled_short"}
	}
	if err := h.sendReset(c.Request().Context(), h.actor(c), a, "reset_admin", store.ActionUserPasswordResetSent); err != nil {
		return err
	}
	return h.afterChange(c, a, "notice_reset_sent")
}

// userDelete deletes a pending password account; every other account is
// deactivated, never deleted.
func (h *Handler) userDelete(c echo.Context) error {
	ctx := c.Request().Context()
	a, refusal, err := h.linkTarget(c, "pending")
	if err != nil || refusal != "" {
		return h.refused(c, a, refusal, err)
	}
	if err := h.store.DeletePending(ctx, h.actor(c), a.ID); err != nil {
		if errors.Is(err, store.ErrNotPending) {
			return h.refuse(c, a, views.T(ctx, "err_not_pending"))
		}
		return err
	}
	msg := views.T(ctx, "notice_deleted", map[string]any{"Name": a.Name()})
	if !isHTMX(c) {
		return redirect(c, "/users")
	}
	c.Response().Header().Set("HX-Trigger", toastTrigger(msg))
	return render(c, http.StatusOK, views.UserDeleted(a.ID))
}

// linkTarget loads the :id account for a link action and says why it is
// refused, if it is: it must be a password account in the given status, not
// the actor, and an Admin only for an Admin.
func (h *Handler) linkTarget(c echo.Context, status string) (store.Account, string, error) {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return a, "", err
	}
	switch {
	case a.AuthMethod != "password":
		return a, views.T(ctx, "err_sso_no_password"), nil
	case a.Status != status:
		return a, views.T(ctx, "err_status_changed"), nil
	case !typeChangeAllowed(p, a.UserType, a.UserType):
		return a, views.T(ctx, "err_admin_only"), nil
	case a.ID == p.Account.ID:
		return a, views.T(ctx, "err_self_link"), nil
	}
	if err := h.mayActFor(ctx, p, a); errors.Is(err, errBeyondAccess) {
		return a, views.T(ctx, "err_act_beyond"), nil
	} else if err != nil {
		return a, "", err
	}
	return a, "", nil
}

// refused answers a refusal (or passes an error on).
func (h *Handler) refused(c echo.Context, a store.Account, refusal string, err error) error {
	if err != nil {
		return err
	}
	return h.refuse(c, a, refusal)
}
