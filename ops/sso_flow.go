package ops

import (
	"context"

	"github.com/console-dev/console/store"
)

// The sign-in dance at a provider keeps its state on the server: these are
// its writes, so the front doors touch the store through ops alone.

// StartSSO keeps a sign-in attempt until its callback comes back.
func (o *Ops) StartSSO(ctx context.Context, a store.SSOAttempt) error { return o.st.StartSSO(ctx, a) }

// TakeSSO uses up the attempt of a state: a second callback with the same
// state, an unknown or an expired one finds nothing (store.ErrNotFound).
func (o *Ops) TakeSSO(ctx context.Context, stateHash string) (store.SSOAttempt, error) {
	return o.st.TakeSSO(ctx, stateHash)
}

// SSOFailed audits a sign-in that failed before any account was decided
// (a bad or replayed state, another browser's attempt, a token or nonce
// that does not verify, a provider that is down): signin.failure with the
// method and the reason, never a token or a code. tenantID is 0 when the
// attempt is unknown.
func (o *Ops) SSOFailed(ctx context.Context, tenantID int64, reason, ip string) error {
	return o.st.Audit(ctx, store.Event{TenantID: tenantID, IP: ip, Action: store.ActionSignInFailure,
		Details: map[string]any{"method": "sso", "reason": reason}})
}
