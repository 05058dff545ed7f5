package store_test

import (
	"context"
	"database/sql"
	"errors"
	"github.com/console-dev/console/internal/testdb"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// testRoles stand in for auth.BuiltinRoles: the store knows permissions only as strings.
var testRoles = []store.RoleSpec{
	{Key: "tenant_admin", Name: "Tenant Administrator", Permissions: []string{"roles.manage", "users.manage", "users.view"}},
	{Key: "user_manager", Name: "User Manager", Permissions: []string{"users.manage", "users.view"}},
	{Key: "auditor", Name: "Auditor", Permissions: []string{"audit.view", "users.view"}},
	{Key: "member", Name: "Member", Permissions: []string{"projects.view"}},
}

// newStore opens a fresh database file that lives as long as the test.
func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newTenant creates a tenant with testRoles and returns their ids by key.
func newTenant(t *testing.T, st *store.Store, slug string, parentID int64) (store.Tenant, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	tn, err := st.CreateTenant(ctx, strings.ToUpper(slug[:1])+slug[1:], slug, parentID, testRoles)
	if err != nil {
		t.Fatalf("create tenant %s: %v", slug, err)
	}
	roles, err := st.Roles(ctx, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, r := range roles {
		ids[r.BuiltinKey] = r.ID
	}
	return tn, ids
}

// person is a NewAccount for a password user whose email is login@example.test,
// with a password set (so it can sign in, and counts as a manager when it is one).
func person(login, userType, status string, roleIDs ...int64) store.NewAccount {
	return store.NewAccount{
		Profile: store.Profile{FirstName: strings.ToUpper(login[:1]) + login[1:], LastName: "Tester",
			Email: login + "@example.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: userType},
		Login: login, Status: status, AuthMethod: "password", PasswordHash: testHash, RoleIDs: roleIDs,
	}
}

// testHash stands in for a password hash: the store never reads it.
const testHash = "$argon2id$v=19$m=19456,t=2,p=1$dGVzdA$dGVzdA"

// mustCreate creates n in tenantID or fails the test.
func mustCreate(t *testing.T, st *store.Store, tenantID int64, n store.NewAccount) store.Account {
	t.Helper()
	a, err := st.CreateAccount(context.Background(), actor(tenantID), n)
	if err != nil {
		t.Fatalf("create account %s: %v", n.Login, err)
	}
	return a
}

func actor(tenantID int64) store.Actor {
	return store.Actor{TenantID: tenantID, IP: "192.0.2.10"}
}

// logins lists every user the filter finds, following pages, as sorted logins.
func logins(t *testing.T, st *store.Store, tenantID int64, f store.UserFilter) []string {
	t.Helper()
	var out []string
	for {
		p, err := st.ListUsers(context.Background(), tenantID, f)
		if err != nil {
			t.Fatalf("list users %+v: %v", f, err)
		}
		for _, a := range p.Accounts {
			out = append(out, a.Login)
		}
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	slices.Sort(out)
	return out
}

// roleIDsOf is the account's role ids in the tenant, sorted.
func roleIDsOf(t *testing.T, st *store.Store, tenantID, accountID int64) []int64 {
	t.Helper()
	held, err := st.AccountRoles(context.Background(), tenantID, []int64{accountID})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range held[accountID] {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return ids
}

func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
}

// pgStoreAndRaw is a store on PostgreSQL (the test skips on SQLite) with a
// plain connection to its database beside it, for tests that hold a lock or
// add a trigger while the store works.
func pgStoreAndRaw(t *testing.T) (*store.Store, *sql.DB) {
	t.Helper()
	testdb.NeedPostgres(t)
	db := storetest.DB(t)
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	raw, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return st, raw
}
