package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// keyManager is a person who may manage keys and see users, and nothing more.
func (e *testEnv) keyManager(email string) store.Account {
	e.t.Helper()
	ctx := context.Background()
	role, err := e.st.CreateRole(ctx, store.Actor{TenantID: e.tenant.ID},
		store.RoleSpec{Name: "Key Manager " + email, Permissions: []string{"users.view", "users.manage", "apikeys.manage"}})
	if err != nil {
		e.t.Fatal(err)
	}
	a := e.user(email, "standard", "active")
	if err := e.st.SetRoles(ctx, actorFor(e), a.ID, []int64{role}); err != nil {
		e.t.Fatal(err)
	}
	return a
}

func ceilingOf(item map[string]any) []string {
	raw, ok := item["ceiling"].([]any)
	if !ok {
		return nil
	}
	out := []string{}
	for _, x := range raw {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// TestKeyCeilingEscalation: a key manager (no Admin) makes a key for an
// account with no role; an Admin later makes that account a Tenant
// Administrator, and even an Admin. The key still does only what its
// creator could: no audit log, no roles, no settings-level work, and it acts
// for nobody as an Admin would. The account's own key and an Admin's key for
// it carry no ceiling.
func TestKeyCeilingEscalation(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	km := env.keyManager("keys@acme.test")
	kmKey, _ := env.keyFor(km, time.Time{})
	adminKey, _ := env.keyFor(env.admin, time.Time{})
	nobody := env.user("nobody@acme.test", "standard", "active")

	r := env.call(kmKey, "POST", "/accounts/"+id(nobody)+"/keys", map[string]any{"name": "Planted", "expires": "never"})
	wantAPI(t, r, http.StatusCreated)
	planted, _ := r.body["key"].(string)
	wantCeiling := []string{"apikeys.manage", "users.manage", "users.view"}
	if got := ceilingOf(r.body); !slices.Equal(got, wantCeiling) {
		t.Fatalf("created key's ceiling %v, want %v", got, wantCeiling)
	}
	wantAPI(t, env.call(planted, "GET", "/audit", nil), http.StatusForbidden) // the account holds nothing yet

	// An Admin grants the account Tenant Administrator.
	wantAPI(t, env.call(adminKey, "PUT", "/users/"+id(nobody)+"/roles",
		map[string]any{"role_ids": []int64{env.roles["tenant_admin"]}}), http.StatusOK)
	ownKey, _ := env.keyFor(nobody, time.Time{}) // as the person would make it
	wantAPI(t, env.call(ownKey, "GET", "/audit", nil), http.StatusOK)
	for _, tc := range []struct{ method, path string }{
		{"GET", "/audit"},
		{"GET", "/reports/user-permissions"},
		{"POST", "/roles"},
		{"POST", "/groups"},
		{"POST", "/projects"},
	} {
		body := map[string]any{"name": "Escalated", "permissions": []string{"users.view"}}
		wantAPI(t, env.call(planted, tc.method, tc.path, body), http.StatusForbidden)
	}
	wantAPI(t, env.call(planted, "GET", "/users", nil), http.StatusOK) // within the ceiling, still works

	// Even made an Admin, the account's planted key acts as no Admin.
	wantAPI(t, env.call(adminKey, "PATCH", "/users/"+id(nobody), map[string]any{"user_type": "admin"}), http.StatusOK)
	if a, _ := env.st.Account(ctx, env.tenant.ID, nobody.ID); a.UserType != "admin" {
		t.Fatalf("user type %q", a.UserType)
	}
	wantAPI(t, env.call(planted, "GET", "/audit", nil), http.StatusForbidden)
	wantAPI(t, env.call(planted, "PATCH", "/users/"+id(env.admin), map[string]any{"email": "evil@acme.test"}), http.StatusForbidden)
	if a, _ := env.st.Account(ctx, env.tenant.ID, env.admin.ID); a.Email != "admin@acme.test" {
		t.Fatal("the planted key changed an Admin's email")
	}
	// Nor can it shed its ceiling by making a key for its own account: the
	// account now holds more than the key, and a key made by a bounded key
	// would carry the bound anyway (TestKeyCeiling in auth).
	wantAPI(t, env.call(planted, "POST", "/accounts/"+id(nobody)+"/keys", map[string]any{"name": "Shed", "expires": "never"}),
		http.StatusForbidden)

	// The key list tells which keys are bounded: the planted ones, not the
	// person's own or one an Admin made.
	wantAPI(t, env.call(adminKey, "POST", "/accounts/"+id(nobody)+"/keys", map[string]any{"name": "By Admin", "expires": "never"}), http.StatusCreated)
	r = env.call(adminKey, "GET", "/accounts/"+id(nobody)+"/keys", nil)
	wantAPI(t, r, http.StatusOK)
	for _, x := range r.body["items"].([]any) {
		item := x.(map[string]any)
		bounded := item["name"] == "Planted" || item["name"] == "Shed"
		if _, present := item["ceiling"]; !present {
			t.Fatalf("key %v: no ceiling field (null when none)", item["name"])
		}
		if got := ceilingOf(item); bounded != (got != nil) || (bounded && !slices.Equal(got, wantCeiling)) {
			t.Errorf("key %v: ceiling %v", item["name"], got)
		}
	}
}

// TestKeyCeilingConsole: a key the console's key manager makes for someone
// else carries the manager's permissions, shown in the key list; a person's
// own key carries none.
func TestKeyCeilingConsole(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	km := env.keyManager("keys@acme.test")
	bob := env.user("bob@acme.test", "standard", "active")
	c := env.signedIn(km.Email)
	res := c.post("/accounts/"+id(bob)+"/keys", url.Values{"name": {"sync"}, "expires": {"never"}})
	wantStatus(t, res, http.StatusOK)
	key, _ := res.doc.Find("#new-key").Attr("value")
	keys, _ := env.st.APIKeys(ctx, env.tenant.ID, bob.ID)
	if len(keys) != 1 || !slices.Equal(keys[0].Ceiling, []string{"apikeys.manage", "users.manage", "users.view"}) {
		t.Fatalf("stored ceiling %v", keys)
	}
	cell := strings.Join(strings.Fields(res.doc.Find("#key-row-"+itoa(keys[0].ID)+" .key-ceiling").Text()), " ")
	for _, want := range []string{"View users", "Manage users", "Manage API keys"} {
		if !strings.Contains(cell, want) {
			t.Fatalf("ceiling cell %q lacks %q", cell, want)
		}
	}
	if err := env.st.SetRoles(ctx, actorFor(env), bob.ID, []int64{env.roles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	wantAPI(t, env.call(key, "GET", "/audit", nil), http.StatusForbidden)

	// The manager's own key: no ceiling, and the list says the key has the account's access.
	res = c.post("/account/keys", url.Values{"name": {"mine"}, "expires": {"never"}})
	wantStatus(t, res, http.StatusOK)
	mine, _ := env.st.APIKeys(ctx, env.tenant.ID, km.ID)
	if len(mine) != 1 || mine[0].Ceiling != nil {
		t.Fatalf("own key %v", mine)
	}
	if cell := res.doc.Find("#key-row-" + itoa(mine[0].ID) + " .key-ceiling").Text(); !strings.Contains(cell, "account") {
		t.Fatalf("own key's ceiling cell %q", cell)
	}
	// An Admin's key for bob: none either.
	admin := env.signedIn("admin@acme.test")
	wantStatus(t, admin.post("/accounts/"+id(bob)+"/keys", url.Values{"name": {"by admin"}, "expires": {"never"}}), http.StatusOK)
	keys, _ = env.st.APIKeys(ctx, env.tenant.ID, bob.ID)
	if keys[0].Ceiling != nil {
		t.Fatalf("Admin's key has ceiling %v", keys[0].Ceiling)
	}
}
