package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

// The demo is a service provider with three customers, one of them with two
// regions; the provider's user acts in Acme and Globex (with different
// roles), not in Initech; seeding again adds no second tree.
func TestSeedTree(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	ctx := context.Background()
	stdout := os.Stdout
	devnull, _ := os.Open(os.DevNull)
	os.Stdout = devnull
	defer func() { os.Stdout = stdout }()
	for range 2 {
		if err := seed(ctx, []string{"--db", db, "--users", "20"}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.TenantCount(ctx); n != 6 {
		t.Fatalf("%d tenants, want the provider, three customers and two regions", n)
	}
	demo, _ := st.TenantBySlug(ctx, "demo")
	for slug, parent := range map[string]string{"acme": "demo", "globex": "demo", "initech": "demo", "globex-eu": "globex", "globex-us": "globex"} {
		tn, err := st.TenantBySlug(ctx, slug)
		p, _ := st.TenantBySlug(ctx, parent)
		if err != nil || tn.ParentID == nil || *tn.ParentID != p.ID {
			t.Errorf("%s: %+v %v, want under %s", slug, tn, err, parent)
		}
	}
	sam, err := st.AccountByEmail(ctx, demo.ID, demoProviderEmail)
	if err != nil {
		t.Fatal(err)
	}
	reached, err := st.Reach(ctx, sam.ID, demo.ID, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, r := range reached {
		slugs = append(slugs, r.Slug)
	}
	if slices.Sort(slugs); !slices.Equal(slugs, []string{"acme", "demo", "globex"}) {
		t.Fatalf("the provider's user may act in %v", slugs)
	}
	for slug, want := range map[string]string{"acme": "User Manager", "globex": "Auditor"} {
		tn, _ := st.TenantBySlug(ctx, slug)
		held, _ := st.HeldRoles(ctx, tn.ID, sam.ID)
		if len(held) != 1 || held[0].Name != want {
			t.Errorf("in %s the provider's user holds %+v, want %s", slug, held, want)
		}
	}
	globex, _ := st.TenantBySlug(ctx, "globex")
	local, _ := st.ListUsers(ctx, globex.ID, store.UserFilter{Limit: 3})
	if len(local.Accounts) != 3 {
		t.Fatalf("Globex has %d people", len(local.Accounts))
	}
	for _, a := range local.Accounts {
		for _, region := range []string{"globex-eu", "globex-us"} {
			if act, err := st.ActingIn(ctx, a.ID, globex.ID, region); err != nil || act.Home {
				t.Errorf("%s was not pushed down to %s: %v", a.Email, region, err)
			}
		}
	}
}
