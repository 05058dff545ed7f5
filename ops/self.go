package ops

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// What a signed-in person changes about themselves on My account: no
// permission beyond being signed in and active, checked in the transaction.

// UpdateOwnProfile saves the actor's own names, language, time zone and
// currency; a provisioned person's names are their identity provider's.
func (o *Ops) UpdateOwnProfile(ctx context.Context, p Principal, own store.OwnProfile) (store.Account, error) {
	a, err := o.st.UpdateOwnProfile(ctx, p.atHome().by(auth.SignedIn, true), own)
	return a, lockRefused(err)
}

// ChangePassword sets the actor's new password (already checked against the
// policy and hashed) and ends their other sessions, keeping keepSession.
func (o *Ops) ChangePassword(ctx context.Context, p Principal, hash, keepSession string) (int64, error) {
	return o.st.ChangePassword(ctx, p.atHome().by(auth.SignedIn, true), hash, keepSession)
}

// SetAvatar stores the actor's avatar, a re-encoded PNG.
func (o *Ops) SetAvatar(ctx context.Context, p Principal, png []byte) (string, error) {
	return o.st.SetAvatar(ctx, p.atHome().by(auth.SignedIn, true), png)
}

// RemoveAvatar removes the actor's avatar.
func (o *Ops) RemoveAvatar(ctx context.Context, p Principal) error {
	return o.st.RemoveAvatar(ctx, p.atHome().by(auth.SignedIn, true))
}

// EndOtherSessions signs the actor out everywhere but keepSession.
func (o *Ops) EndOtherSessions(ctx context.Context, p Principal, keepSession string) (int64, error) {
	return o.st.EndOtherSessions(ctx, p.atHome().by(auth.SignedIn, true), keepSession)
}

// atHome is p acting in its home tenant: one's own account (profile,
// password, picture, sessions) lives there, whichever tenant p acts in.
func (p Principal) atHome() Principal {
	if p.HomeTenantID != 0 {
		p.TenantID = p.HomeTenantID
	}
	return p
}
