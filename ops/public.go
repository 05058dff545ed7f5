package ops

import (
	"context"
	"time"

	"github.com/console-dev/console/store"
)

// What a visitor does without signing in, proving who they are with a
// one-time link (its hash) or, for a forgotten password, with nothing at all:
// the link itself is the permission, checked and used up in the transaction.

// AcceptInvitation sets the invited person's password and activates them.
func (o *Ops) AcceptInvitation(ctx context.Context, hash, passwordHash, ip string) (store.Account, error) {
	return o.st.AcceptInvitation(ctx, hash, passwordHash, ip)
}

// ResetPassword sets a new password through a reset link.
func (o *Ops) ResetPassword(ctx context.Context, hash, passwordHash, ip string) (store.Account, error) {
	return o.st.ResetPassword(ctx, hash, passwordHash, ip)
}

// VerifyContactEmail confirms a contact address through its link.
func (o *Ops) VerifyContactEmail(ctx context.Context, hash, ip string) (store.Account, error) {
	return o.st.VerifyContactEmail(ctx, hash, ip)
}

// RequestResets mails a reset link, as asked on the forgotten-password page,
// to every active password person with email (an address is unique within a
// tenant tree, not across trees); each request acts as that person. Nobody
// learns whether the address has an account.
func (o *Ops) RequestResets(ctx context.Context, email, ip string) error {
	candidates, err := o.st.SignInCandidates(ctx, email)
	if err != nil {
		return err
	}
	for _, a := range candidates {
		if a.Status != "active" || a.AuthMethod != "password" || a.Kind != "user" {
			continue
		}
		self := Principal{TenantID: a.TenantID, AccountID: a.ID, IP: ip}
		link, err := o.links.Link(ctx, self, a, "reset_request")
		if err != nil {
			return err
		}
		if err := o.st.SendLink(ctx, store.Actor{TenantID: a.TenantID, AccountID: a.ID, IP: ip}, a.ID, link,
			store.ActionUserPasswordResetRequest); err != nil {
			return err
		}
		o.links.Queued()
	}
	return nil
}

// SignedIn records a successful sign-in: its time, and activity (throttled to once a minute).
func (o *Ops) SignedIn(ctx context.Context, accountID int64, at time.Time) error {
	return o.st.SignedIn(ctx, accountID, at)
}

// Record writes an audit event no state change carries: sign-in attempts,
// sign-outs, downloads of reports and the audit log.
func (o *Ops) Record(ctx context.Context, e store.Event) error { return o.st.Audit(ctx, e) }

// KeyUsed notes that an API key was used, and so its account was active
// (each written at most once a minute).
func (o *Ops) KeyUsed(ctx context.Context, keyID int64, at time.Time) error {
	if err := o.st.TouchAPIKey(ctx, keyID, at); err != nil {
		return err
	}
	return o.st.TouchKeyAccount(ctx, keyID, at)
}

// SCIMTokenUsed notes that a SCIM token was used (written at most once a minute).
func (o *Ops) SCIMTokenUsed(ctx context.Context, tokenID int64, at time.Time) error {
	return o.st.TouchSCIMToken(ctx, tokenID, at)
}

// open refuses registering in a tenant whose self-registration is off, that
// is deactivated (or below a deactivated tenant: its people could not sign
// in anyway), or whose people come from its identity provider.
func (o *Ops) open(ctx context.Context, tenantID int64) error {
	st, err := o.st.Settings(ctx, tenantID)
	if err != nil {
		return err
	}
	t, err := o.st.Tenant(ctx, tenantID)
	if err != nil {
		return err
	}
	// People of a tenant in external mode come from its identity provider.
	if !st.SelfRegistration || t.Blocked || t.Provisioning == store.ProvisioningExternal {
		return errForbidden
	}
	return nil
}

// Register creates a person who signed up on the tenant's registration page:
// pending, with no password (whoever proves the address chooses it), a link
// to confirm it and the administrators' notices.
func (o *Ops) Register(ctx context.Context, tenantID int64, n store.NewAccount, ip string, notices []store.Mail) (store.Account, error) {
	if err := o.open(ctx, tenantID); err != nil {
		return store.Account{}, err
	}
	n.PasswordHash = ""
	a, err := o.st.Register(ctx, tenantID, n, ip, notices)
	if err == nil {
		o.links.Queued()
	}
	return a, err
}

// RegisterAgain sends a pending registration of the same address a new link.
func (o *Ops) RegisterAgain(ctx context.Context, tenantID, accountID int64, ip string, l store.Link, notices []store.Mail) error {
	if err := o.open(ctx, tenantID); err != nil {
		return err
	}
	err := o.st.RegisterAgain(ctx, tenantID, accountID, ip, l, notices)
	if err == nil {
		o.links.Queued()
	}
	return err
}

// NoteExisting records a registration of an address that already has an
// account and queues the mail telling its owner, without saying so to the
// visitor.
func (o *Ops) NoteExisting(ctx context.Context, e store.Event, mails []store.Mail) error {
	err := o.st.Enqueue(ctx, &e, mails...)
	if err == nil {
		o.links.Queued()
	}
	return err
}

// VerifyRegistration confirms a registration through its link, with the
// password its owner chose on the confirmation page.
func (o *Ops) VerifyRegistration(ctx context.Context, hash, passwordHash, ip string) (store.Account, []int64, error) {
	return o.st.VerifyRegistration(ctx, hash, passwordHash, ip)
}
