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

// RequestReset queues a reset link someone asked for on the forgotten-password
// page for an active password person a; the request acts as a itself.
func (o *Ops) RequestReset(ctx context.Context, a store.Account, ip string, link store.Link) error {
	if a.Status != "active" || a.AuthMethod != "password" || a.Kind != "user" {
		return nil
	}
	err := o.st.SendLink(ctx, store.Actor{TenantID: a.TenantID, AccountID: a.ID, IP: ip}, a.ID, link, "user.password.reset_request")
	if err == nil {
		o.links.Queued()
	}
	return err
}

// SignedIn records a successful sign-in's activity (throttled to once a minute).
func (o *Ops) SignedIn(ctx context.Context, accountID int64, at time.Time) error {
	return o.st.TouchActive(ctx, accountID, at)
}

// Record writes an audit event no state change carries: sign-in attempts,
// sign-outs, downloads of reports and the audit log.
func (o *Ops) Record(ctx context.Context, e store.Event) error { return o.st.Audit(ctx, e) }

// KeyUsed notes that an API key was used (written at most once a minute).
func (o *Ops) KeyUsed(ctx context.Context, keyID int64, at time.Time) error {
	return o.st.TouchAPIKey(ctx, keyID, at)
}
