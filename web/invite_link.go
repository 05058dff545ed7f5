package web

import (
	"context"
	"time"

	"github.com/console-dev/console/store"
)

// inviteLink prepares the link and email that let a pending account choose
// its password: an invitation for an invited person, an activation for an
// account an administrator made without a password.
func (h *Handler) inviteLink(ctx context.Context, p *principal, a store.Account) (store.Link, error) {
	settings, err := h.store.Settings(ctx, p.Account.TenantID)
	if err != nil {
		return store.Link{}, err
	}
	url, link := h.newLink("invite", "/invite/", time.Duration(settings.InviteDays)*24*time.Hour, p.Account.ID)
	kind := "activation"
	if a.Origin == "invitation" {
		kind = "invitation"
	}
	lang := mailLang(ctx, a)
	link.Mail, err = compose(ctx, letter{Kind: kind, To: a.Email, Lang: lang, Tenant: p.Tenant.Name, URL: url,
		Data: map[string]any{"Name": a.Name(), "Email": a.Email, "Inviter": p.Account.Name(),
			"Expires": expiry(lang, link.ExpiresAt)}})
	return link, err
}
