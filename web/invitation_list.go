package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// maxInvitations bounds the Invitations view; older ones stay in the users
// table under the Pending status filter.
const maxInvitations = 500

// invitationList shows pending invitations and activations with who sent
// them and when their link expires.
func (h *Handler) invitationList(c echo.Context) error {
	vm, err := h.invitationsVM(c.Request().Context(), who(c), views.Status{})
	if err != nil {
		return err
	}
	return page(c, http.StatusOK, views.InvitationsPage(vm), views.InvitationsBlock(vm))
}

// invitationResend mails a new link; the previous one stops working.
func (h *Handler) invitationResend(c echo.Context) error {
	return h.invitationAction(c, func(a store.Account) (string, error) {
		if err := h.mailLimit(c, a); err != nil {
			return "", err
		}
		return "notice_link_sent_to", h.ops.ResendLink(c.Request().Context(), by(c), a.ID)
	})
}

// invitationRevoke deletes the pending account: its link stops working.
func (h *Handler) invitationRevoke(c echo.Context) error {
	return h.invitationAction(c, func(a store.Account) (string, error) {
		_, err := h.ops.DeletePending(c.Request().Context(), by(c), a.ID)
		return "notice_revoked", err
	})
}

func (h *Handler) invitationAction(c echo.Context, act func(store.Account) (string, error)) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	var status views.Status
	key, err := act(a)
	var pe *pageError
	e, refused := ops.As(err)
	switch {
	case refused:
		status = views.Status{Text: i18n.T(ctx, e.Key), Alert: true}
	case errors.As(err, &pe):
		status = views.Status{Text: i18n.T(ctx, pe.key), Alert: true}
	case errors.Is(err, store.ErrNotPending):
		status = views.Status{Text: i18n.T(ctx, "err_status_changed"), Alert: true}
	case err != nil:
		return err
	default:
		status = views.Status{Text: i18n.T(ctx, key, map[string]any{"Email": a.Email})}
	}
	if !isHTMX(c) {
		return redirect(c, "/invitations")
	}
	vm, err := h.invitationsVM(ctx, p, status)
	if err != nil {
		return err
	}
	code := http.StatusOK
	if status.Alert {
		code = http.StatusConflict
	}
	return render(c, code, views.InvitationsBlock(vm))
}

func (h *Handler) invitationsVM(ctx context.Context, p *principal, status views.Status) (views.Invitations, error) {
	list, err := h.store.Invitations(ctx, p.Tenant.ID, maxInvitations+1)
	if err != nil {
		return views.Invitations{}, err
	}
	vm := views.Invitations{Status: status, More: len(list) > maxInvitations}
	list = list[:min(len(list), maxInvitations)]
	now := h.now()
	for _, v := range list {
		by := v.InvitedBy
		if by == "" || by == " " {
			by = i18n.T(ctx, "invitations_by_unknown")
		}
		row := views.Invitation{ID: v.Account.ID, Name: v.Account.Name(), Email: v.Account.Email, InvitedBy: by,
			Sent: views.FormatTime(ctx, v.SentAt), Expires: views.FormatTime(ctx, v.ExpiresAt),
			Expired: !v.ExpiresAt.After(now), NoLink: v.SentAt.IsZero()}
		if row.NoLink {
			row.Sent = i18n.T(ctx, "invitations_by_unknown")
		}
		vm.Rows = append(vm.Rows, row)
	}
	return vm, nil
}
