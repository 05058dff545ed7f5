package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/console-dev/console/store"
)

// TestConcurrentMembershipChanges: adds and removals from many goroutines
// leave exactly the expected members and a matching count (no lost update).
func TestConcurrentMembershipChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	mustCreate(t, st, tn.ID, person("boss", "admin", "active"))
	g, _ := st.CreateGroup(ctx, by, "Crowd", "")
	var ids []int64
	for i := range 40 {
		ids = append(ids, mustCreate(t, st, tn.ID, person(fmt.Sprintf("p%02d", i), "standard", "active")).ID)
	}
	errs := make(chan error, 40)
	for i, id := range ids {
		go func() {
			_, err := st.AddMembers(ctx, by, g.ID, []int64{id, ids[(i+1)%len(ids)]})
			errs <- err
		}()
	}
	for range ids {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got, _ := st.Group(ctx, tn.ID, g.ID)
	members, _ := st.GroupMembers(ctx, tn.ID, g.ID, "", 0, 500)
	if got.Members != 40 || len(members) != 40 {
		t.Fatalf("count %d, members %d, want 40", got.Members, len(members))
	}
}

// TestServiceAccountsJoinGroups: a service account may be in groups (issue 6:
// created "with roles and groups"), added and removed like a person; an id of
// another tenant is still refused.
func TestServiceAccountsJoinGroups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	other, _ := newTenant(t, st, "other", 0)
	by := actor(tn.ID)
	svc := person("robot", "standard", "active")
	svc.Kind, svc.Email, svc.AuthMethod = "service", "", "password"
	a := mustCreate(t, st, tn.ID, svc)
	theirs := person("theirbot", "standard", "active")
	theirs.Kind, theirs.Email = "service", ""
	b := mustCreate(t, st, other.ID, theirs)
	g, _ := st.CreateGroup(ctx, by, "Bots", "")
	got, err := st.AddMembers(ctx, by, g.ID, []int64{a.ID})
	if err != nil || got.Members != 1 {
		t.Fatalf("add service account: %v, %d members", err, got.Members)
	}
	_, err = st.AddMembers(ctx, by, g.ID, []int64{b.ID})
	wantErr(t, err, store.ErrUnknownAccount)
	if got, err = st.RemoveMembers(ctx, by, g.ID, []int64{a.ID}); err != nil || got.Members != 0 {
		t.Fatalf("remove service account: %v, %d members", err, got.Members)
	}
}
