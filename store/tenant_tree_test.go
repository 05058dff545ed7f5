package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/console-dev/console/store"
)

// tree: provider > {acme > {team}, beta}.
func tree(t *testing.T, st *store.Store) (provider, acme, team, beta store.Tenant) {
	t.Helper()
	provider, _ = newTenant(t, st, "provider", 0)
	acme, _ = newTenant(t, st, "acme", provider.ID)
	team, _ = newTenant(t, st, "team", acme.ID)
	beta, _ = newTenant(t, st, "beta", provider.ID)
	return
}

func TestTenantTreeOrderAndKinds(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	provider, acme, _, _ := tree(t, st)
	mustCreate(t, st, acme.ID, person("ann", "standard", "active"))
	mustCreate(t, st, acme.ID, person("bob", "standard", "active"))

	nodes, more, err := st.TenantTree(ctx, provider.ID, "", 100)
	if err != nil || more {
		t.Fatalf("tree: %v, more %v", err, more)
	}
	var got []string
	for _, n := range nodes {
		got = append(got, fmt.Sprintf("%d %s %s %d", n.Depth, n.Slug, n.Kind, n.People))
	}
	want := []string{"0 provider provider 0", "1 acme customer 2", "2 team subtenant 0", "1 beta customer 0"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("tree = %q, want %q", got, want)
	}

	// From a customer: its subtree only, depths still counted from the root.
	nodes, _, _ = st.TenantTree(ctx, acme.ID, "", 100)
	if len(nodes) != 2 || nodes[0].Slug != "acme" || nodes[0].Depth != 1 || nodes[1].Slug != "team" {
		t.Fatalf("subtree of acme = %+v", nodes)
	}
	// Search and the bound.
	nodes, _, _ = st.TenantTree(ctx, provider.ID, "BET", 100)
	if len(nodes) != 1 || nodes[0].Slug != "beta" {
		t.Fatalf("search = %+v", nodes)
	}
	nodes, more, _ = st.TenantTree(ctx, provider.ID, "", 2)
	if len(nodes) != 2 || !more {
		t.Fatalf("bounded = %d rows, more %v", len(nodes), more)
	}
}

func TestAddTenantSlugUniqueUnderConcurrency(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	provider, _ := newTenant(t, st, "provider", 0)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = st.AddTenant(ctx, actor(provider.ID), store.NewTenant{Name: "Same", Slug: "same",
				ParentID: provider.ID, Roles: testRoles})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		var c *store.Conflict
		switch {
		case err == nil:
			ok++
		case errors.As(err, &c) && c.Field == "slug":
		default:
			t.Fatalf("unexpected error %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d creations succeeded, want 1", ok)
	}
}

func TestAddTenantFirstAdmin(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	provider, _, _, beta := tree(t, st)
	ann := mustCreate(t, st, provider.ID, person("ann", "standard", "active"))
	stranger := mustCreate(t, st, beta.ID, person("zed", "standard", "active"))

	inv := person("new", "admin", "pending")
	tn, err := st.AddTenant(ctx, actor(provider.ID), store.NewTenant{Name: "Gamma", Slug: "gamma", ParentID: provider.ID,
		TimeZone: "Europe/Paris", Currency: "EUR", Roles: testRoles, Invite: &inv})
	if err != nil {
		t.Fatal(err)
	}
	if tn.TimeZone != "Europe/Paris" || tn.Currency != "EUR" {
		t.Errorf("settings = %s %s", tn.TimeZone, tn.Currency)
	}
	if nodes, _, _ := st.TenantTree(ctx, tn.ID, "", 10); len(nodes) != 1 || nodes[0].People != 1 {
		t.Errorf("gamma should have its invited administrator: %+v", nodes)
	}
	// The same email again anywhere in the tree is taken.
	dup := person("new", "admin", "pending")
	_, err = st.AddTenant(ctx, actor(provider.ID), store.NewTenant{Name: "Delta", Slug: "delta", ParentID: provider.ID,
		Roles: testRoles, Invite: &dup})
	var c *store.Conflict
	if !errors.As(err, &c) || c.Field != "email" {
		t.Fatalf("duplicate email: %v", err)
	}
	if _, err := st.TenantBySlug(ctx, "delta"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("refused tenant was written: %v", err)
	}

	// An existing person pushed down; a person of a sibling is not offered.
	tn, err = st.AddTenant(ctx, actor(provider.ID), store.NewTenant{Name: "Eps", Slug: "eps", ParentID: provider.ID,
		Roles: testRoles, AdminID: ann.ID})
	if err != nil {
		t.Fatal(err)
	}
	if nodes, _, _ := st.TenantTree(ctx, tn.ID, "", 10); nodes[0].Members != 1 || nodes[0].People != 0 {
		t.Errorf("eps should have ann as a member: %+v", nodes[0])
	}
	_, err = st.AddTenant(ctx, actor(provider.ID), store.NewTenant{Name: "Zeta", Slug: "zeta", ParentID: provider.ID,
		Roles: testRoles, AdminID: stranger.ID})
	wantErr(t, err, store.ErrFirstAdmin)
}

func TestMoveRefusals(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	provider, acme, team, beta := tree(t, st)
	other, _ := newTenant(t, st, "other", 0)
	move := func(by, id, parent int64) error { return update(t, st, by, id, "", parent) }
	wantErr(t, move(provider.ID, acme.ID, team.ID), store.ErrTenantCycle)
	wantErr(t, move(provider.ID, acme.ID, acme.ID), store.ErrTenantCycle)
	wantErr(t, move(provider.ID, acme.ID, other.ID), store.ErrNotFound)
	wantErr(t, move(acme.ID, team.ID, beta.ID), store.ErrNotFound)
	wantErr(t, move(acme.ID, acme.ID, beta.ID), store.ErrTenantSelf)
	wantErr(t, move(acme.ID, beta.ID, acme.ID), store.ErrNotFound)
	if err := move(provider.ID, team.ID, beta.ID); err != nil {
		t.Fatal(err)
	}
	if got := mustTenant(t, st, team.ID); got.ParentID == nil || *got.ParentID != beta.ID {
		t.Fatalf("team parent = %v", got.ParentID)
	}
}

func TestDeactivationBlocksSubtree(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	provider, acme, team, beta := tree(t, st)
	blocked := func() map[string]bool {
		m := map[string]bool{}
		for _, tn := range []store.Tenant{provider, acme, team, beta} {
			m[tn.Slug] = mustTenant(t, st, tn.ID).Blocked
		}
		return m
	}
	if _, err := st.SetTenantStatus(ctx, actor(provider.ID), acme.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	if b := blocked(); !b["acme"] || !b["team"] || b["beta"] || b["provider"] {
		t.Fatalf("after deactivating acme: %v", b)
	}
	// A tenant created under a blocked one is blocked too; one moved out is not.
	sub, _ := newTenant(t, st, "sub", team.ID)
	if !mustTenant(t, st, sub.ID).Blocked {
		t.Error("a tenant created under a blocked one should be blocked")
	}
	if err := update(t, st, provider.ID, team.ID, "", beta.ID); err != nil {
		t.Fatal(err)
	}
	if mustTenant(t, st, team.ID).Blocked || mustTenant(t, st, sub.ID).Blocked {
		t.Error("moved out of a deactivated tenant, team and sub should be unblocked")
	}
	if _, err := st.SetTenantStatus(ctx, actor(provider.ID), acme.ID, "active"); err != nil {
		t.Fatal(err)
	}
	if b := blocked(); b["acme"] {
		t.Fatalf("after reactivating: %v", b)
	}
	// Own tenant and a root: refused.
	_, err := st.SetTenantStatus(ctx, actor(acme.ID), acme.ID, "deactivated")
	wantErr(t, err, store.ErrTenantSelf)
	_, err = st.SetTenantStatus(ctx, actor(provider.ID), provider.ID, "deactivated")
	wantErr(t, err, store.ErrTenantSelf)
	_, err = st.SetTenantStatus(ctx, actor(acme.ID), beta.ID, "deactivated")
	wantErr(t, err, store.ErrNotFound)
}

// TestTenantEventsNameTheirTarget: the provider's audit log names the tenants
// it manages by their current name; a tenant moved out of a customer's
// subtree is no longer named in the customer's log.
func TestTenantEventsNameTheirTarget(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	provider, acme, team, beta := tree(t, st)
	if err := update(t, st, acme.ID, team.ID, "Team A", 0); err != nil {
		t.Fatal(err)
	}
	if err := update(t, st, provider.ID, team.ID, "Team B", beta.ID); err != nil {
		t.Fatal(err)
	}
	target := func(tenantID int64) string {
		entries, err := st.AuditEntries(ctx, tenantID, store.AuditFilter{Action: string(store.ActionTenantUpdate), Limit: 5})
		if err != nil || len(entries) == 0 {
			t.Fatalf("entries: %v", err)
		}
		return entries[0].TargetName
	}
	if got := target(provider.ID); got != "Team B" {
		t.Errorf("provider's log names %q", got)
	}
	if got := target(acme.ID); got != "" {
		t.Errorf("acme's log names a tenant now outside its subtree: %q", got)
	}
}

// update renames (name "" keeps it) or moves (parent 0 keeps it) tenant id
// as an actor of tenant by.
func update(t *testing.T, st *store.Store, by, id int64, name string, parent int64) error {
	t.Helper()
	tn := mustTenant(t, st, id)
	if name == "" {
		name = tn.Name
	}
	_, err := st.UpdateTenant(context.Background(), actor(by), id, store.TenantChange{Name: name, ParentID: parent,
		TimeZone: tn.TimeZone, Currency: tn.Currency})
	return err
}
