package ops

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestGrantJudgedInTheTransaction: what a group, a role or the default roles
// gain is judged by the guard inside the store's transaction, not only by a
// read before it, so the rule holds for a group nobody has joined yet even
// when the operation's own checks are skipped (another process, a race).
func TestGrantJudgedInTheTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, tn, ids, mk := acmeWorld(t, storetest.DB(t))
	mk("admin", "admin")
	um := mk("um", "standard", ids["user_manager"])
	p := Principal{TenantID: tn.ID, AccountID: um.ID}
	g, _ := st.CreateGroup(ctx, store.Actor{TenantID: tn.ID}, "Empty", "")

	err := st.SetGroupRoles(ctx, p.by(auth.GroupsManage, false), g.ID, []int64{ids["tenant_admin"]})
	if e, ok := As(err); !ok || e.Kind != Forbidden {
		t.Fatalf("an empty group given Tenant Administrator by a User Manager: %v, want refused", err)
	}
	if got, _ := st.GroupRoleIDs(ctx, tn.ID, g.ID); slices.Contains(got, ids["tenant_admin"]) {
		t.Fatal("the refused role stayed")
	}
	if err := st.SetGroupRoles(ctx, p.by(auth.GroupsManage, false), g.ID, []int64{ids["user_manager"]}); err != nil {
		t.Fatalf("a role within the actor's access: %v", err)
	}

	o := New(st, auth.NewHasher(time.Minute), nil, nil)
	_, err = o.st.CreateRole(ctx, p.granting(auth.RolesManage, errGrant), store.RoleSpec{Name: "Settings", Permissions: []string{"tenant.settings"}})
	if e, ok := As(err); !ok || e.Kind != Forbidden {
		t.Fatalf("a role with tenant.settings made by someone lacking it: %v", err)
	}
	err = st.UpdateSettings(ctx, p.granting(auth.TenantSettings, errGrant), store.Settings{InviteDays: 7, DefaultRoleIDs: []int64{ids["auditor"]}})
	if err == nil {
		t.Fatal("default roles set by someone without tenant.settings")
	}
}

// acmeWorld opens the database db with a tenant Acme of the built-in roles
// (their ids by key) and mk, which creates an active person of a type
// holding the given roles.
func acmeWorld(t *testing.T, db string) (*store.Store, store.Tenant, map[string]int64, func(login, typ string, role ...int64) store.Account) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tn, err := st.CreateTenant(ctx, "Acme", "acme", 0, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	roles, _ := st.Roles(ctx, tn.ID)
	ids := map[string]int64{}
	for _, r := range roles {
		ids[r.BuiltinKey] = r.ID
	}
	mk := func(login, typ string, role ...int64) store.Account {
		a, err := st.CreateAccount(ctx, store.Actor{TenantID: tn.ID}, store.NewAccount{Profile: store.Profile{FirstName: login,
			LastName: "T", Email: login + "@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: typ},
			Login: login, Status: "active", AuthMethod: "password", PasswordHash: "x", RoleIDs: role})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	return st, tn, ids, mk
}
