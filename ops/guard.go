package ops

import (
	"context"
	"maps"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// guard is the act-for rule, judged inside the transaction that writes:
// nobody changes an account unless they hold every permission it holds and
// every permission it will hold after the change; taking access away follows
// the same rule for each account that loses some; only an Admin acts for an
// Admin. need is the permission the operation itself requires.
type guard struct {
	p    Principal
	need auth.Permission
	// direct: the change is to the accounts themselves (profile, status,
	// roles, membership, keys, links), so each is judged even when its
	// access stays the same; otherwise (a group's or a role's permissions)
	// only the accounts whose access changes are.
	direct bool

	perms auth.Perms // the actor's, read in the transaction
	admin bool       // an Admin through no ceiling: gives anything
	home  int64      // the actor's home tenant, read in the transaction
}

// Begin reads the actor's own access in the transaction: an inactive actor
// or one without the operation's permission is refused; an Admin (through no
// ceiling) acts for anyone of its tenant, so only members from above need
// watching, and only when the tenant has members.
func (g *guard) Begin(ctx context.Context, v store.View) (bool, error) {
	m, err := v.Access(ctx, g.p.TenantID, []int64{g.p.AccountID})
	if err != nil {
		return false, err
	}
	a, ok := m[g.p.AccountID]
	if !ok || a.Status != "active" {
		return false, errForbidden
	}
	g.perms, g.home = auth.Effective(a.UserType, a.Perms), a.Home
	admin := a.UserType == "admin" && g.p.Ceiling == nil
	g.admin = admin
	if g.p.Ceiling != nil {
		g.perms = g.perms.Within(g.p.Ceiling)
	}
	if g.need != "" && g.need != auth.SignedIn && !g.perms.Has(g.need) {
		return false, errForbidden
	}
	if admin {
		// An Admin acts for anyone of its tenant; but members from above
		// (see reaches) are not its to change, so with any member about
		// the change is watched for them alone.
		return v.HasMembers(ctx, g.p.TenantID)
	}
	return true, nil
}

// Judge checks every account the change touched against the actor.
func (g *guard) Judge(ctx context.Context, v store.View, before, after map[int64]store.Access) error {
	if g.admin {
		for _, m := range []map[int64]store.Access{before, after} {
			for _, x := range m {
				if err := g.reaches(ctx, v, x); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for id, b := range before {
		a, still := after[id]
		if !g.direct && still && same(b, a) {
			continue
		}
		if err := g.reaches(ctx, v, b); err != nil {
			return err
		}
		if err := g.covers(b, errBeyond); err != nil {
			return err
		}
		if still {
			if err := g.covers(a, errGrant); err != nil {
				return err
			}
		}
	}
	for id, a := range after {
		if _, ok := before[id]; !ok {
			if err := g.reaches(ctx, v, a); err != nil {
				return err
			}
			if err := g.covers(a, errGrant); err != nil {
				return err
			}
		}
	}
	return nil
}

// Grants: what a change gives away (a group's, a role's or the default
// roles' new permissions) must be the actor's to give, even with nobody
// holding it yet.
func (g *guard) Grants(_ context.Context, _ store.View, give []string) error {
	if g.admin {
		return nil
	}
	for _, x := range give {
		if !g.perms.Has(auth.Permission(x)) {
			return errGrant
		}
	}
	return nil
}

// reaches: nobody acts above their tenant. A member of the tenant acted in
// whose home tenant is above the actor's (a service provider's user in a
// customer, seen by the customer's Admin) is managed from there, never from
// below; the actor's home tenant must be the member's or an ancestor of it.
func (g *guard) reaches(ctx context.Context, v store.View, x store.Access) error {
	if x.Home == 0 || x.Home == g.p.TenantID || x.Home == g.home {
		return nil
	}
	ok, err := v.Within(ctx, x.Home, g.home)
	if err != nil {
		return err
	}
	if !ok {
		return errAbove
	}
	return nil
}

// covers: the actor holds everything x holds, else beyond (errBeyond for
// what x held before, errGrant for what it would hold after).
func (g *guard) covers(x store.Access, beyond error) error {
	if x.UserType == "admin" {
		return errAdminOnly
	}
	if !Covers(g.perms, x) {
		return beyond
	}
	return nil
}

// Covers reports whether perms (a non-Admin actor's) hold everything x
// holds, module access included, the act-for rule's test; an Admin x is
// covered by no such actor. Pages use it to offer only what the operation
// would allow.
func Covers(perms auth.Perms, x store.Access) bool {
	if x.UserType == "admin" {
		return false
	}
	for p := range auth.Effective(x.UserType, x.Perms) {
		if !perms.Has(p) {
			return false
		}
	}
	return true
}

// same: the change left x's standing as it was.
func same(b, a store.Access) bool {
	return b.UserType == a.UserType && b.Status == a.Status &&
		maps.Equal(auth.Effective(b.UserType, b.Perms), auth.Effective(a.UserType, a.Perms))
}

// by is the store actor for an operation of p needing need.
func (p Principal) by(need auth.Permission, direct bool) store.Actor {
	if p.SCIMTokenID != 0 {
		// the provider does only what the SCIM operations let it (provider)
		return store.Actor{TenantID: p.TenantID, IP: p.IP, Guard: refusing{}}
	}
	return store.Actor{TenantID: p.TenantID, AccountID: p.AccountID, IP: p.IP,
		Guard: &guard{p: p, need: need, direct: direct}}
}
