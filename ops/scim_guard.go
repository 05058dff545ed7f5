package ops

import (
	"context"

	"github.com/console-dev/console/store"
)

// providerGuard judges the identity provider's changes: its token must be
// live and its tenant in external mode, read in the transaction, so a token
// revoked (or a switch back to console mode) a moment ago stops it. It then
// acts as the tenant's Admin does: for anyone whose home is the tenant, but
// never for a member from above (a service provider's user), who is managed
// from their own tenant.
type providerGuard struct{ p Principal }

var errProviderOff = refuse(Forbidden, "scim_err_off")

// provider is the store actor of a SCIM operation: the identity provider's
// guard for its principal, and a refusal for anyone else (the console's
// principals change people through the console's operations).
func (p Principal) provider() store.Actor {
	if p.SCIMTokenID == 0 {
		return store.Actor{TenantID: p.TenantID, AccountID: p.AccountID, IP: p.IP, Guard: refusing{}}
	}
	return store.Actor{TenantID: p.TenantID, IP: p.IP, Provider: true, Guard: &providerGuard{p: p}}
}

// refusing is the guard of what the principal may never do.
type refusing struct{}

func (refusing) Begin(context.Context, store.View) (bool, error) { return false, errForbidden }

func (refusing) Judge(context.Context, store.View, map[int64]store.Access, map[int64]store.Access) error {
	return errForbidden
}

func (g *providerGuard) Begin(ctx context.Context, v store.View) (bool, error) {
	live, err := v.ProviderLive(ctx, g.p.TenantID, g.p.SCIMTokenID)
	if err != nil {
		return false, err
	}
	if !live {
		return false, errProviderOff
	}
	return v.HasMembers(ctx, g.p.TenantID)
}

func (g *providerGuard) Judge(_ context.Context, _ store.View, before, after map[int64]store.Access) error {
	for _, m := range []map[int64]store.Access{before, after} {
		for _, x := range m {
			if x.Home != 0 && x.Home != g.p.TenantID {
				return errAbove
			}
		}
	}
	return nil
}

// Grants: the provider gives what its tenant's Admin could.
func (g *providerGuard) Grants(context.Context, store.View, []string) error { return nil }

func (refusing) Grants(context.Context, store.View, []string) error { return errForbidden }
