package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestGroupRules: names unique ignoring case, another tenant's accounts and
// roles refused whole, deletion only when empty, one audit event per change.
func TestGroupRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	other, otherRoles := newTenant(t, st, "other", 0)
	by := actor(tn.ID)
	mustCreate(t, st, tn.ID, person("boss", "admin", "active"))
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active"))
	stranger := mustCreate(t, st, other.ID, person("zed", "standard", "active"))
	g, err := st.CreateGroup(ctx, by, "Sales", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sales", "  SALES "} {
		_, err := st.CreateGroup(ctx, by, name, "")
		var c *store.Conflict
		if !errors.As(err, &c) || c.Field != "name" {
			t.Fatalf("duplicate %q: %v", name, err)
		}
	}
	if _, err := st.CreateGroup(ctx, actor(other.ID), "Sales", ""); err != nil {
		t.Fatalf("the same name in another tenant: %v", err)
	}
	_, err = st.AddMembers(ctx, by, g.ID, []int64{ann.ID, stranger.ID})
	wantErr(t, err, store.ErrUnknownAccount)
	wantErr(t, st.SetGroupRoles(ctx, by, g.ID, []int64{otherRoles["member"]}), store.ErrUnknownRole)
	_, err = st.AddMembers(ctx, actor(other.ID), g.ID, []int64{stranger.ID})
	wantErr(t, err, store.ErrNotFound)
	if got, _ := st.Group(ctx, tn.ID, g.ID); got.Members != 0 {
		t.Fatal("a refused add left members behind")
	}
	if _, err := st.AddMembers(ctx, by, g.ID, []int64{ann.ID, ann.ID}); err != nil {
		t.Fatal(err)
	}
	var inUse *store.InUse
	if err := st.DeleteGroup(ctx, by, g.ID, 0); !errors.As(err, &inUse) || inUse.Members != 1 {
		t.Fatalf("deleting a group with members: %v", err)
	}
	if _, err := st.UpdateGroup(ctx, by, g.ID, "Sales EMEA", "Europe"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RemoveMembers(ctx, by, g.ID, []int64{ann.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteGroup(ctx, by, g.ID, 0); err != nil {
		t.Fatal(err)
	}
	ev, _ := st.AuditEvents(ctx, tn.ID, store.AuditFilter{TargetType: "group", TargetID: g.ID})
	var actions []string
	for _, e := range ev {
		actions = append(actions, string(e.Action))
	}
	want := "group.delete group.members.remove group.update group.members.add group.create"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("audit %q, want %q", got, want)
	}
}

// TestNamesCompareAsPeopleRead: extra spaces and decomposed accents make no new name.
func TestNamesCompareAsPeopleRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	g, err := st.CreateGroup(ctx, by, "  Ingénierie   Paris ", "")
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "Ingénierie Paris" {
		t.Fatalf("stored name %q", g.Name)
	}
	for _, name := range []string{"INGÉNIERIE PARIS", "Inge\u0301nierie Paris", "ingénierie\tparis"} {
		_, err := st.CreateGroup(ctx, by, name, "")
		var c *store.Conflict
		if !errors.As(err, &c) {
			t.Errorf("%q was accepted next to %q", name, g.Name)
		}
	}
	if _, err := st.CreateRole(ctx, by, store.RoleSpec{Name: "Tenant  administrator"}); err == nil {
		t.Error("a custom role named like a built-in, with two spaces, was accepted")
	}
}
