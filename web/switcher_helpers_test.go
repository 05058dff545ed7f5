package web

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// customer creates a tenant under parentID (0 for a root) with the built-in
// roles, returning their ids by key.
func (e *testEnv) customer(name, slug string, parentID int64) (store.Tenant, map[string]int64) {
	e.t.Helper()
	ctx := context.Background()
	t, err := e.st.CreateTenant(ctx, name, slug, parentID, auth.BuiltinRoles())
	if err != nil {
		e.t.Fatal(err)
	}
	roles, err := e.st.Roles(ctx, t.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	m := map[string]int64{}
	for _, r := range roles {
		m[r.BuiltinKey] = r.ID
	}
	return t, m
}

// member pushes a down into tenantID with the given built-in roles there, as
// an operator would (no guard).
func (e *testEnv) member(tenantID int64, roles map[string]int64, a store.Account, keys ...string) {
	e.t.Helper()
	var ids []int64
	for _, k := range keys {
		ids = append(ids, roles[k])
	}
	if _, err := e.st.SetMemberRoles(context.Background(), store.Actor{TenantID: tenantID, IP: "test"}, a.ID, ids); err != nil {
		e.t.Fatal(err)
	}
}

// providerWorld is the env's tenant Acme as a service provider with
// customers A and B; Sam, of Acme, manages A as User Manager and audits B;
// Bob, of Acme too, is a member of B only.
type providerWorld struct {
	a, b           store.Tenant
	sam, bob       store.Account
	annA, bertB    store.Account // people of A and of B
	aRoles, bRoles map[string]int64
}

func newProviderWorld(env *testEnv) providerWorld {
	var w providerWorld
	w.a, w.aRoles = env.customer("Customer A", "cust-a", env.tenant.ID)
	w.b, w.bRoles = env.customer("Customer B", "cust-b", env.tenant.ID)
	w.sam = env.user("sam@acme.test", "standard", "active")
	w.bob = env.user("bob@acme.test", "standard", "active")
	env.member(w.a.ID, w.aRoles, w.sam, "user_manager")
	env.member(w.b.ID, w.bRoles, w.sam, "auditor")
	env.member(w.b.ID, w.bRoles, w.bob, "user_manager")
	// Ann holds no more than Sam does in A, so Sam may act for her.
	w.annA = env.userIn(w.a.ID, w.aRoles, "ann@cust-a.test", "standard", "active", "user_manager")
	w.bertB = env.userIn(w.b.ID, w.bRoles, "bert@cust-b.test", "standard", "active", "member")
	return w
}
