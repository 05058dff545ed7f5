package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/store"
)

// Candidates for a push into a sub-tenant are the people of its ancestors
// down from the actor's home: a customer's administrator never finds the
// provider's staff; a provider user finds both.
func TestCandidatesStopAtTheActorsHome(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sp, _ := newTenant(t, st, "sp", 0)
	a, _ := newTenant(t, st, "cust", sp.ID)
	eu, euRoles := newTenant(t, st, "cust-eu", a.ID)
	other, _ := newTenant(t, st, "other", sp.ID)
	mustCreate(t, st, sp.ID, person("samuel", "standard", "active"))
	ana := mustCreate(t, st, a.ID, person("sandra", "standard", "active"))
	mustCreate(t, st, a.ID, person("sacha", "standard", "deactivated"))
	mustCreate(t, st, eu.ID, person("sally", "standard", "active"))
	mustCreate(t, st, other.ID, person("sasha", "standard", "active"))
	if _, err := st.SetMemberRoles(ctx, actor(eu.ID), ana.ID, []int64{euRoles["member"]}); err != nil {
		t.Fatal(err)
	}
	names := func(home int64, q string) map[string]bool {
		t.Helper()
		found, err := st.Candidates(ctx, eu.ID, home, q, 20)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, c := range found {
			out[c.Email] = c.Member
		}
		return out
	}
	got := names(sp.ID, "sa")
	if len(got) != 2 || !got["sandra@example.test"] {
		t.Errorf("a provider user pushing into the sub-tenant: %v (samuel and sandra, sandra already a member)", got)
	}
	if _, ok := got["samuel@example.test"]; !ok {
		t.Errorf("the provider's person is missing: %v", got)
	}
	if got := names(a.ID, "sa"); len(got) != 1 {
		t.Errorf("the customer's admin: %v, want sandra only (never the provider's staff)", got)
	}
	if got := names(eu.ID, "sa"); len(got) != 0 {
		t.Errorf("a person of the sub-tenant itself: %v, want nobody", got)
	}
	if got := names(sp.ID, "samuel tester"); len(got) != 1 {
		t.Errorf("two words: %v", got)
	}
	if got := names(sp.ID, "sandra@example.test"); len(got) != 1 {
		t.Errorf("by email: %v", got)
	}
	if found, _ := st.Candidates(ctx, eu.ID, sp.ID, "sa", 1); len(found) != 1 {
		t.Errorf("the limit: %d", len(found))
	}
	// The member-aware read finds home people and members, no one else.
	if p, err := st.Person(ctx, eu.ID, ana.ID); err != nil || !p.Member || p.HomeName != "Cust" {
		t.Errorf("member: %+v %v", p, err)
	}
	if _, err := st.Person(ctx, other.ID, ana.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another tenant's person: %v", err)
	}
	if h, err := st.EmailHolder(ctx, eu.ID, "SAMUEL@example.test"); err != nil || h.TenantID != sp.ID {
		t.Errorf("email holder: %+v %v", h, err)
	}
}
