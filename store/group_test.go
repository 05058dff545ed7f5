package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestPermissionArithmetic: direct roles and the roles of every group add up;
// the store gives the union, in one query however many groups.
func TestPermissionArithmetic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	mustCreate(t, st, tn.ID, person("boss", "admin", "active"))
	audit, _ := st.CreateGroup(ctx, by, "Audit", "")
	members, _ := st.CreateGroup(ctx, by, "Members", "")
	if err := st.SetGroupRoles(ctx, by, audit.ID, []int64{roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetGroupRoles(ctx, by, members.ID, []int64{roles["member"]}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		direct []int64
		groups []int64
		want   string
	}{
		{"nothing", nil, nil, ""},
		{"direct only", []int64{roles["member"]}, nil, "projects.view"},
		{"inherited only", nil, []int64{audit.ID}, "audit.view users.view"},
		{"both add up", []int64{roles["member"]}, []int64{audit.ID}, "audit.view projects.view users.view"},
		{"same role twice counts once", []int64{roles["auditor"]}, []int64{audit.ID}, "audit.view users.view"},
		{"two groups", nil, []int64{audit.ID, members.ID}, "audit.view projects.view users.view"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			login := strings.ReplaceAll(tc.name, " ", "")
			a := mustCreate(t, st, tn.ID, person(login, "standard", "active", tc.direct...))
			for _, g := range tc.groups {
				if _, err := st.AddMembers(ctx, by, g, []int64{a.ID}); err != nil {
					t.Fatal(err)
				}
			}
			before := st.Statements()
			perms, err := st.RolePermissions(ctx, tn.ID, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n := st.Statements() - before; n != 1 {
				t.Errorf("effective permissions took %d statements, want 1", n)
			}
			if got := strings.Join(perms, " "); got != tc.want {
				t.Fatalf("permissions %q, want %q", got, tc.want)
			}
			held, _ := st.HeldRoles(ctx, tn.ID, a.ID)
			for _, h := range held {
				if h.GroupID != 0 && h.GroupName == "" {
					t.Fatalf("inherited role without its group's name: %+v", h)
				}
			}
		})
	}
}

// TestInheritedRolesInTheUsersTable: the default filter and the role filter
// see roles held through groups, and follow membership and group role changes.
func TestInheritedRolesInTheUsersTable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	mustCreate(t, st, tn.ID, person("boss", "admin", "active"))
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active"))
	g, _ := st.CreateGroup(ctx, by, "Auditors", "")
	if err := st.SetGroupRoles(ctx, by, g.ID, []int64{roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "ann"} { // both list plans
		if slices.Contains(logins(t, st, tn.ID, store.UserFilter{Query: q}), "ann") {
			t.Fatal("a user without roles is listed by default")
		}
	}
	if _, err := st.AddMembers(ctx, by, g.ID, []int64{ann.ID}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "ann"} {
		if !slices.Contains(logins(t, st, tn.ID, store.UserFilter{Query: q}), "ann") {
			t.Fatalf("q=%q: a user with a role through a group is not listed by default", q)
		}
		if got := logins(t, st, tn.ID, store.UserFilter{Query: q, RoleID: roles["auditor"]}); !slices.Equal(got, []string{"ann"}) {
			t.Fatalf("q=%q: role filter gave %v", q, got)
		}
	}
	p, _ := st.ListUsers(ctx, tn.ID, store.UserFilter{Query: "ann"})
	if !slices.Equal(p.Inherited[ann.ID], []int64{roles["auditor"]}) || len(p.RoleIDs[ann.ID]) != 0 {
		t.Fatalf("page roles: direct %v, inherited %v", p.RoleIDs[ann.ID], p.Inherited[ann.ID])
	}
	if err := st.SetGroupRoles(ctx, by, g.ID, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "ann"} {
		if slices.Contains(logins(t, st, tn.ID, store.UserFilter{Query: q}), "ann") {
			t.Fatalf("q=%q: still listed after the group lost its role", q)
		}
	}
}

// TestLastManagerThroughGroups: the only manager holds users.manage through
// a group; removing them from it, or the role from the group, is refused.
func TestLastManagerThroughGroups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	by := actor(tn.ID)
	mgr := mustCreate(t, st, tn.ID, person("mgr", "standard", "active"))
	g, _ := st.CreateGroup(ctx, by, "Managers", "")
	if _, err := st.AddMembers(ctx, by, g.ID, []int64{mgr.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetGroupRoles(ctx, by, g.ID, []int64{roles["user_manager"]}); err != nil {
		t.Fatal(err)
	}
	_, err := st.RemoveMembers(ctx, by, g.ID, []int64{mgr.ID})
	wantErr(t, err, store.ErrLastManager)
	wantErr(t, st.SetGroupRoles(ctx, by, g.ID, []int64{roles["member"]}), store.ErrLastManager)
	custom, err := st.CreateRole(ctx, by, store.RoleSpec{Name: "Keeper", Permissions: []string{"users.manage"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetGroupRoles(ctx, by, g.ID, []int64{custom}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, st.UpdateRole(ctx, by, custom, store.RoleSpec{Name: "Keeper", Permissions: []string{"users.view"}}), store.ErrLastManager)
	wantErr(t, st.DeleteRole(ctx, by, custom), store.ErrLastManager)
	got, _ := st.Group(ctx, tn.ID, g.ID)
	if got.Members != 1 {
		t.Fatal("a refused change altered the group")
	}
}

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
	if err := st.DeleteGroup(ctx, by, g.ID); !errors.As(err, &inUse) || inUse.Members != 1 {
		t.Fatalf("deleting a group with members: %v", err)
	}
	if _, err := st.UpdateGroup(ctx, by, g.ID, "Sales EMEA", "Europe"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RemoveMembers(ctx, by, g.ID, []int64{ann.ID}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteGroup(ctx, by, g.ID); err != nil {
		t.Fatal(err)
	}
	ev, _ := st.AuditEvents(ctx, tn.ID, store.AuditFilter{TargetType: "group", TargetID: g.ID})
	var actions []string
	for _, e := range ev {
		actions = append(actions, e.Action)
	}
	want := "group.delete group.members.remove group.update group.members.add group.create"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("audit %q, want %q", got, want)
	}
}

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

// TestBuiltinRolesAreFixed: built-in roles can be neither changed nor deleted.
func TestBuiltinRolesAreFixed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	wantErr(t, st.UpdateRole(ctx, actor(tn.ID), roles["member"], store.RoleSpec{Name: "X"}), store.ErrBuiltinRole)
	wantErr(t, st.DeleteRole(ctx, actor(tn.ID), roles["member"]), store.ErrBuiltinRole)
	_, err := st.CreateRole(ctx, actor(tn.ID), store.RoleSpec{Name: "MEMBER"})
	var c *store.Conflict
	if !errors.As(err, &c) || c.Field != "name" {
		t.Fatalf("a custom role named like a built-in in another case: %v", err)
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
