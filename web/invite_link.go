package web

import (
	"context"
	"time"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// links makes the one-time links the operations mail, in the console's
// words and under its base URL (ops.Links).
type links struct{ h *Handler }

// Link prepares a link and its email for a: "invite" lets a pending account
// choose its password (an invitation for an invited person, an activation
// for an account made without a password); "reset" is a reset an
// administrator sends, "reset_request" one the person asked for; "contact"
// confirms a.ContactEmail.
func (l links) Link(ctx context.Context, by ops.Principal, a store.Account, purpose string) (store.Link, error) {
	h := l.h
	t, err := h.store.Tenant(ctx, by.TenantID)
	if err != nil {
		return store.Link{}, err
	}
	if name, ok := ops.MailTenant(ctx); ok {
		t.Name = name
	}
	lang := mailLang(ctx, a)
	switch purpose {
	case "reset", "reset_request":
		kind := map[string]string{"reset": "reset_admin", "reset_request": "reset"}[purpose]
		url, link := h.newLink("reset", "/password/reset/", resetTTL, by.AccountID)
		link.Mail, err = compose(ctx, letter{Kind: kind, To: a.Email, Lang: lang, Tenant: t.Name, URL: url,
			Data: map[string]any{"Name": a.Name(), "Email": a.Email}})
		return link, err
	case "contact":
		url, link := h.newLink("contact", "/contact/verify/", contactTTL, by.AccountID)
		link.Data = a.ContactEmail
		link.Mail, err = compose(ctx, letter{Kind: "contact", To: a.ContactEmail, Lang: lang, Tenant: t.Name, URL: url,
			Data: map[string]any{"Name": a.Name(), "Expires": expiry(lang, link.ExpiresAt)}})
		return link, err
	}
	settings, err := h.store.Settings(ctx, by.TenantID)
	if err != nil {
		return store.Link{}, err
	}
	home := by.HomeTenantID
	if home == 0 {
		home = by.TenantID
	}
	inviter, err := h.store.Account(ctx, home, by.AccountID)
	if err != nil {
		return store.Link{}, err
	}
	url, link := h.newLink("invite", "/invite/", time.Duration(settings.InviteDays)*24*time.Hour, by.AccountID)
	kind := "activation"
	if a.Origin == "invitation" {
		kind = "invitation"
	}
	link.Mail, err = compose(ctx, letter{Kind: kind, To: a.Email, Lang: lang, Tenant: t.Name, URL: url,
		Data: map[string]any{"Name": a.Name(), "Email": a.Email, "Inviter": inviter.Name(),
			"Expires": expiry(lang, link.ExpiresAt)}})
	return link, err
}

// Queued wakes the delivery worker.
func (l links) Queued() { l.h.queued() }
