package auth_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

func perms(ps ...auth.Permission) auth.Perms {
	out := auth.Perms{}
	for _, p := range ps {
		out[p] = true
	}
	return out
}

func catalog() auth.Perms {
	out := auth.Perms{}
	for _, i := range auth.Catalog {
		out[i.Key] = true
	}
	return out
}

func TestEffective(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		userType  string
		rolePerms []string
		want      auth.Perms
	}{
		{"admin without roles gets the whole catalog", "admin", nil, catalog()},
		{"admin with roles still gets exactly the catalog", "admin", []string{"projects.view", "made.up"}, catalog()},
		{"read-only keeps reads, drops writes", "read_only", []string{"users.view", "users.manage", "groups.manage", "audit.view"},
			perms(auth.UsersView, auth.AuditView)},
		{"read-only drops unknown permissions but keeps module access", "read_only", []string{"users.view", "module:billing", "made.up"},
			perms(auth.UsersView, auth.Module("billing"))},
		{"read-only with every permission", "read_only", keys(catalog()),
			perms(auth.UsersView, auth.ProjectsView, auth.ReportsView, auth.AuditView)},
		{"standard gets the union", "standard", []string{"users.view", "projects.view", "users.view", "users.manage"},
			perms(auth.UsersView, auth.ProjectsView, auth.UsersManage)},
		{"standard without roles gets nothing", "standard", nil, perms()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := auth.Effective(tt.userType, tt.rolePerms)
			if !maps.Equal(got, tt.want) {
				t.Errorf("Effective(%s, %v) = %v, want %v", tt.userType, tt.rolePerms, sorted(got), sorted(tt.want))
			}
		})
	}
	if ro := auth.Effective("read_only", []string{"users.view", "users.manage"}); !ro.Has(auth.UsersView) || ro.Has(auth.UsersManage) {
		t.Errorf("read-only Has: users.view %v, users.manage %v; want true, false", ro.Has(auth.UsersView), ro.Has(auth.UsersManage))
	}
}

func keys(p auth.Perms) []string {
	var out []string
	for k := range p {
		out = append(out, string(k))
	}
	return out
}

func sorted(p auth.Perms) []string {
	out := keys(p)
	slices.Sort(out)
	return out
}

func TestBuiltinRolesUseTheCatalog(t *testing.T) {
	t.Parallel()
	for _, r := range auth.BuiltinRoles() {
		for _, p := range r.Permissions {
			if !auth.Known(auth.Permission(p)) {
				t.Errorf("role %s grants %q, which is not in the catalog", r.Key, p)
			}
		}
	}
	if !slices.Equal(auth.BuiltinRoles()[0].Permissions, catalogKeys(auth.Catalog)) {
		t.Errorf("Tenant Administrator does not hold the whole catalog")
	}
}

func catalogKeys(c []auth.PermissionInfo) []string {
	var out []string
	for _, i := range c {
		out = append(out, string(i.Key))
	}
	return out
}

// Roles are cumulative: the store's union of two built-in roles, through
// Effective, is what a standard user may do.
func TestEffectiveFromStoredRoles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tn, err := st.CreateTenant(ctx, "Acme", "acme", 0, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	roles := roleIDs(t, st, tn.ID)
	a, err := st.CreateAccount(ctx, store.Actor{TenantID: tn.ID}, store.NewAccount{
		Profile: store.Profile{FirstName: "Ann", LastName: "Tester", Email: "ann@example.test", Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "ann", Status: "active", AuthMethod: "password", RoleIDs: []int64{roles["project_manager"], roles["auditor"]}})
	if err != nil {
		t.Fatal(err)
	}
	rp, err := st.RolePermissions(ctx, tn.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := perms(auth.UsersView, auth.ProjectsView, auth.ProjectsManage, auth.ReportsView, auth.AuditView)
	if got := auth.Effective("standard", rp); !maps.Equal(got, want) {
		t.Errorf("standard = %v, want %v", sorted(got), sorted(want))
	}
	want = perms(auth.UsersView, auth.ProjectsView, auth.ReportsView, auth.AuditView)
	if got := auth.Effective("read_only", rp); !maps.Equal(got, want) {
		t.Errorf("read_only = %v, want %v", sorted(got), sorted(want))
	}
}

func roleIDs(t *testing.T, st *store.Store, tenantID int64) map[string]int64 {
	t.Helper()
	roles, err := st.Roles(context.Background(), tenantID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, r := range roles {
		out[r.BuiltinKey] = r.ID
	}
	return out
}
