package store_test

import (
	"context"
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
