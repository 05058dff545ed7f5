package web

import (
	"context"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// registerKnown answers a registration of an address that already has an
// account in the tenant's tree. A still-unverified self-registration of this
// tenant gets a fresh verification link, and its password is chosen when it
// is confirmed (neither typed password can be trusted); any
// other account gets a "you already have an account" email. Administrators
// hear of the attempt either way, and no account is created.
func (h *Handler) registerKnown(r registration) error {
	ctx := r.c.Request().Context()
	known, err := h.knownAccount(ctx, r.tenant, r.form.Email)
	if err != nil {
		return err
	}
	if known != nil && known.TenantID == r.tenant.ID && known.Status == "pending" && known.Origin == "registration" &&
		known.AuthMethod == "password" {
		link, err := h.verifyLink(r, mailLang(ctx, *known))
		if err != nil {
			return err
		}
		notices, err := h.registrationNotices(r, noticeKind(r.set))
		if err != nil {
			return err
		}
		return h.ops.RegisterAgain(ctx, r.tenant.ID, known.ID, r.c.RealIP(), link, notices)
	}
	lang := views.Req(ctx).Lang
	ev := store.Event{TenantID: r.tenant.ID, IP: r.c.RealIP(), Action: store.ActionUserRegisterExisting,
		Details: map[string]any{"email": r.form.Email}}
	if known != nil {
		lang = mailLang(ctx, *known)
		if known.TenantID == r.tenant.ID {
			ev.TargetType, ev.TargetID = "account", known.ID
		}
	}
	exists, err := h.existsMail(ctx, r, lang)
	if err != nil {
		return err
	}
	notices, err := h.registrationNotices(r, "registration_existing")
	if err != nil {
		return err
	}
	return h.ops.NoteExisting(ctx, ev, append(notices, exists))
}

// knownAccount is the person holding email in t's tenant tree (emails are
// unique in a tree), or nil when it is not a person (a service account).
func (h *Handler) knownAccount(ctx context.Context, t store.Tenant, email string) (*store.Account, error) {
	candidates, err := h.store.SignInCandidates(ctx, email)
	if err != nil {
		return nil, err
	}
	for _, a := range candidates {
		if a.TenantID == t.ID {
			return &a, nil
		}
		home, err := h.store.Tenant(ctx, a.TenantID)
		if err != nil {
			return nil, err
		}
		if home.RootID == t.RootID {
			return &a, nil
		}
	}
	return nil, nil
}
