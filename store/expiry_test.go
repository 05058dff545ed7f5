package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// Expired grants give nothing from the second of their expiry, with no
// sweeper: a direct role, a group membership, an account; and an expired
// manager is no manager for the last-manager rule.
func TestExpiryAtCheckTime(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return now })
	tn, roles := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	boss := mustCreate(t, st, tn.ID, person("boss", "standard", "active", roles["user_manager"]))
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active", roles["auditor"]))
	end := now.Add(time.Hour)
	perms := func(id int64) []string {
		t.Helper()
		p, err := st.RolePermissions(ctx, tn.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	if err := st.SetRoleExpiry(ctx, by, ann.ID, roles["auditor"], end); err != nil {
		t.Fatal(err)
	}
	g, err := st.CreateGroup(ctx, by, "Projects", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetGroupRoles(ctx, by, g.ID, []int64{roles["member"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMembers(ctx, by, g.ID, []int64{ann.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetMembershipExpiry(ctx, by, g.ID, ann.ID, end.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if p := perms(ann.ID); !slices.Contains(p, "audit.view") || !slices.Contains(p, "projects.view") {
		t.Fatalf("before expiry: %v", p)
	}
	now = end.Add(-time.Second)
	if p := perms(ann.ID); !slices.Contains(p, "audit.view") {
		t.Fatalf("a second before the role's expiry: %v", p)
	}
	now = end
	if p := perms(ann.ID); slices.Contains(p, "audit.view") || !slices.Contains(p, "projects.view") {
		t.Fatalf("at the role's expiry: %v, want projects.view alone", p)
	}
	held, err := st.HeldRoles(ctx, tn.ID, ann.ID)
	if err != nil || len(held) != 1 || held[0].GroupID != g.ID || !held[0].ExpiresAt.Equal(end.Add(time.Hour)) {
		t.Fatalf("held roles at the role's expiry: %+v, %v", held, err)
	}
	now = end.Add(time.Hour)
	if p := perms(ann.ID); len(p) != 0 {
		t.Fatalf("at the membership's expiry: %v, want none", p)
	}
	// Adding her to the group again makes her a member again, without end.
	if g2, err := st.AddMembers(ctx, by, g.ID, []int64{ann.ID}); err != nil || g2.Members != 1 {
		t.Fatalf("adding an expired member again: %+v %v", g2, err)
	}
	if p := perms(ann.ID); !slices.Contains(p, "projects.view") {
		t.Fatalf("added again after her membership expired: %v", p)
	}
	if _, err := st.RemoveMembers(ctx, by, g.ID, []int64{ann.ID}); err != nil {
		t.Fatal(err)
	}

	// Setting the roles again gives an expired role anew.
	if err := st.SetRoles(ctx, by, ann.ID, []int64{roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	if p := perms(ann.ID); !slices.Contains(p, "audit.view") {
		t.Fatalf("an expired role given again: %v", p)
	}

	// Ann manages users until her role expires; then boss is the last
	// manager, and his role may not go.
	if err := st.SetRoles(ctx, by, ann.ID, []int64{roles["user_manager"]}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRoleExpiry(ctx, by, ann.ID, roles["user_manager"], now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRoles(ctx, by, ann.ID, []int64{roles["user_manager"]}); err != nil { // keeps the expiry
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	wantErr(t, st.SetRoles(ctx, by, boss.ID, nil), store.ErrLastManager)

	// Boss's account expires: he signs in as if deactivated, and may not
	// be made to lapse while he is the last manager.
	wantErr(t, st.SetAccountExpiry(ctx, by, boss.ID, now), store.ErrLastManager)
	if err := st.SetAccountExpiry(ctx, by, boss.ID, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	cands, err := st.SignInCandidates(ctx, "boss@example.test")
	if err != nil || len(cands) != 1 || cands[0].Status != "deactivated" {
		t.Fatalf("an expired account signs in as deactivated: %+v, %v", cands, err)
	}
}
