package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func reachedSlugs(t *testing.T, st *store.Store, a store.Account, q string, limit int) []string {
	t.Helper()
	list, err := st.Reach(context.Background(), a.ID, a.TenantID, q, limit)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range list {
		out = append(out, r.Slug)
	}
	return out
}

// The switcher lists the home tenant and the memberships, never a blocked
// tenant nor one the person is not a member of; the last used come first,
// then by name; the filter matches names and slugs whatever their case.
func TestReachListsHomeAndMembershipsRecentFirst(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sp, _ := newTenant(t, st, "provider", 0)
	a, aRoles := newTenant(t, st, "acme", sp.ID)
	b, bRoles := newTenant(t, st, "globex", sp.ID)
	c, cRoles := newTenant(t, st, "initech", sp.ID)
	newTenant(t, st, "stranger", sp.ID)
	sam := mustCreate(t, st, sp.ID, person("sam", "standard", "active"))
	for _, m := range []struct {
		tenant store.Tenant
		role   int64
	}{{a, aRoles["member"]}, {b, bRoles["auditor"]}, {c, cRoles["member"]}} {
		if _, err := st.SetMemberRoles(ctx, store.Actor{TenantID: m.tenant.ID}, sam.ID, []int64{m.role}); err != nil {
			t.Fatal(err)
		}
	}
	if got := reachedSlugs(t, st, sam, "", 10); !slices.Equal(got, []string{"acme", "globex", "initech", "provider"}) {
		t.Fatalf("never used: by name, got %v", got)
	}
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	if err := st.TenantUsed(ctx, sam.ID, b.ID, false, at); err != nil {
		t.Fatal(err)
	}
	if err := st.TenantUsed(ctx, sam.ID, sp.ID, true, at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got := reachedSlugs(t, st, sam, "", 10); !slices.Equal(got, []string{"provider", "globex", "acme", "initech"}) {
		t.Fatalf("recent first: got %v", got)
	}
	if got := reachedSlugs(t, st, sam, "", 2); !slices.Equal(got, []string{"provider", "globex"}) {
		t.Fatalf("limit: got %v", got)
	}
	if got := reachedSlugs(t, st, sam, "  GLOB ", 10); !slices.Equal(got, []string{"globex"}) {
		t.Fatalf("filter by name: got %v", got)
	}
	if got := reachedSlugs(t, st, sam, "tech", 10); !slices.Equal(got, []string{"initech"}) {
		t.Fatalf("filter by slug: got %v", got)
	}
	if got := reachedSlugs(t, st, sam, "stranger", 10); len(got) != 0 {
		t.Fatalf("a tenant the person is not a member of is listed: %v", got)
	}
	// A used mark of a tenant the person is not a member of writes nothing.
	if err := st.TenantUsed(ctx, sam.ID, c.ID+1, false, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.BlockTenant(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if got := reachedSlugs(t, st, sam, "", 10); !slices.Equal(got, []string{"provider", "acme", "initech"}) {
		t.Fatalf("a blocked tenant is listed: %v", got)
	}
	list, _ := st.Reach(ctx, sam.ID, sam.TenantID, "", 10)
	if !list[0].Home || list[1].Home || list[0].UsedAt.IsZero() || !list[1].UsedAt.IsZero() {
		t.Fatalf("home and used marks: %+v", list)
	}
	// A tenant that is not the account's home is never listed as its home.
	if got := reachedSlugs(t, st, store.Account{ID: sam.ID, TenantID: c.ID}, "", 10); !slices.Equal(got, []string{"acme", "initech"}) {
		t.Fatalf("a wrong home id lists %v", got)
	}
}

// A name is found whatever the case and the accents typed.
func TestReachFindsNamesAsWritten(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sp, _ := newTenant(t, st, "provider", 0)
	evry, err := st.CreateTenant(ctx, "Énergie Évry", "evry", sp.ID, testRoles)
	if err != nil {
		t.Fatal(err)
	}
	sam := mustCreate(t, st, sp.ID, person("sam", "standard", "active"))
	if _, err := st.SetMemberRoles(ctx, store.Actor{TenantID: evry.ID}, sam.ID, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Évry", "énergie é", "VRY", "evry", "ENERGIE"} {
		if got := reachedSlugs(t, st, sam, q, 10); !slices.Equal(got, []string{"evry"}) {
			t.Errorf("%q finds %v", q, got)
		}
	}
}
