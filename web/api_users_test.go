package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPIUsersValidation: each bad input gets 422 naming its field (or 409
// for a duplicate, 400 for a body that is not JSON), and nothing is created.
func TestAPIUsersValidation(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	key, _ := env.keyFor(env.admin, time.Time{})
	base := `"first_name":"Ada","last_name":"Lovelace","password":"a long enough passphrase"`
	cases := []struct {
		name, body string
		status     int
		field      string
	}{
		{"empty body", `{}`, 422, "login"},
		{"missing email", `{"login":"ada",` + base + `}`, 422, "email"},
		{"bad email", `{"login":"ada","email":"not-an-email",` + base + `}`, 422, "email"},
		{"login with space", `{"login":"a da","email":"ada@acme.test",` + base + `}`, 422, "login"},
		{"login too long", `{"login":"` + strings.Repeat("a", 65) + `","email":"ada@acme.test",` + base + `}`, 422, "login"},
		{"first name too long", `{"login":"ada","email":"ada@acme.test","first_name":"` + strings.Repeat("é", 101) + `","last_name":"L","password":"a long enough passphrase"}`, 422, "first_name"},
		{"control character", `{"login":"ada","email":"ada@acme.test","first_name":"A\u0007da","last_name":"L","password":"a long enough passphrase"}`, 422, "first_name"},
		{"short password", `{"login":"ada","email":"ada@acme.test","first_name":"A","last_name":"L","password":"short"}`, 422, "password"},
		{"bad user type", `{"login":"ada","email":"ada@acme.test","user_type":"root",` + base + `}`, 422, "user_type"},
		{"bad time zone", `{"login":"ada","email":"ada@acme.test","time_zone":"Mars/Base",` + base + `}`, 422, "time_zone"},
		{"bad currency", `{"login":"ada","email":"ada@acme.test","currency":"EURO",` + base + `}`, 422, "currency"},
		{"bad auth", `{"login":"ada","email":"ada@acme.test","auth":"magic",` + base + `}`, 422, "auth_method"},
		{"wrong type", `{"login":42,"email":"ada@acme.test",` + base + `}`, 422, "login"},
		{"unknown field", `{"login":"ada","email":"ada@acme.test","is_root":true,` + base + `}`, 422, "is_root"},
		{"unknown role", `{"login":"ada","email":"ada@acme.test","role_ids":[999999],` + base + `}`, 422, "role_ids"},
		{"duplicate email any case", `{"login":"ada","email":"ADMIN@acme.test",` + base + `}`, 409, "email"},
		{"duplicate login", `{"login":"admin","email":"ada@acme.test",` + base + `}`, 409, "login"},
		{"not JSON", `{"login":`, 400, ""},
		{"trailing data", `{"login":"ada"} {}`, 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := env.call(key, "POST", "/users", tc.body)
			wantAPI(t, r, tc.status)
			if tc.field != "" && !fieldErrors(r)[tc.field] {
				t.Errorf("no error on %q: %s", tc.field, r.raw)
			}
		})
	}
	list := env.call(key, "GET", "/users?kind=user", nil)
	if n := len(list.body["items"].([]any)); n != 1 {
		t.Fatalf("%d users after refused creations, want 1", n)
	}
	for q, field := range map[string]string{"limit=0": "limit", "limit=201": "limit", "limit=x": "limit",
		"status=gone": "status", "kind=robot": "kind", "cursor=not!base64": "cursor"} {
		r := env.call(key, "GET", "/users?"+q, nil)
		wantAPI(t, r, 422)
		if !fieldErrors(r)[field] {
			t.Errorf("%s: no error on %s: %s", q, field, r.raw)
		}
	}
}

// TestAPIUsersLifecycle: create, read, page, patch, roles, deactivate,
// activate, delete a pending user; each change audited with the key's id.
func TestAPIUsersLifecycle(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	key, k := env.keyFor(env.admin, time.Time{})
	r := env.call(key, "POST", "/users", map[string]any{"login": "ada", "first_name": "Ada", "last_name": "Lovelace",
		"email": " Ada@Acme.test ", "password": "a long enough passphrase", "role_ids": []int64{env.roles["member"]}})
	wantAPI(t, r, http.StatusCreated)
	uid := num(r.body["id"])
	if r.body["email"] != "ada@acme.test" || r.body["kind"] != "user" || r.body["auth"] != "password" {
		t.Fatalf("created %v", r.body)
	}
	roles := r.body["roles"].([]any)
	if len(roles) != 1 || roles[0].(map[string]any)["source"] != "direct" {
		t.Fatalf("roles %v", roles)
	}
	path := "/users/" + itoa(uid)

	g, err := env.st.CreateGroup(ctx, actorFor(env), "Auditors", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, actorFor(env), g.ID, []int64{env.roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, []int64{uid}); err != nil {
		t.Fatal(err)
	}
	r = env.call(key, "GET", path, nil)
	wantAPI(t, r, 200)
	var viaGroup bool
	for _, x := range r.body["roles"].([]any) {
		m := x.(map[string]any)
		viaGroup = viaGroup || (m["source"] == "group" && m["group_name"] == "Auditors")
	}
	if !viaGroup {
		t.Fatalf("no role via group Auditors: %v", r.body["roles"])
	}

	r = env.call(key, "PATCH", path, `{"first_name":"Augusta","time_zone":"Europe/Paris"}`)
	wantAPI(t, r, 200)
	if r.body["first_name"] != "Augusta" || r.body["last_name"] != "Lovelace" || r.body["time_zone"] != "Europe/Paris" {
		t.Fatalf("patched %v", r.body)
	}
	wantAPI(t, env.call(key, "PATCH", path, `{"login":"other"}`), 422)
	wantAPI(t, env.call(key, "PATCH", path, `{"email":"admin@acme.test"}`), 409)
	r = env.call(key, "PUT", path+"/roles", map[string]any{"role_ids": []int64{env.roles["user_manager"]}})
	wantAPI(t, r, 200)

	wantAPI(t, env.call(key, "POST", path+"/deactivate", nil), 200)
	got, _ := env.st.Account(ctx, env.tenant.ID, uid)
	if got.Status != "deactivated" {
		t.Fatalf("status %s", got.Status)
	}
	wantAPI(t, env.call(key, "POST", path+"/activate", nil), 200)
	wantAPI(t, env.call(key, "POST", "/users/"+id(env.admin)+"/deactivate", nil), 409)
	wantAPI(t, env.call(key, "DELETE", path, nil), 409)

	pending := env.user("pending@acme.test", "standard", "pending")
	wantAPI(t, env.call(key, "DELETE", "/users/"+id(pending), nil), 204)
	wantAPI(t, env.call(key, "GET", "/users/"+id(pending), nil), 404)

	events, err := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[store.Action]bool{}
	for _, e := range events {
		if num(e.Details["api_key_id"]) == k.ID && e.ActorID == env.admin.ID {
			seen[e.Action] = true
		}
		if strings.Contains(e.IP, "csk_") {
			t.Fatal("a key in the audit trail")
		}
	}
	for _, a := range []store.Action{"user.create", "user.update", "user.roles", "user.deactivate", "user.activate", "user.delete"} {
		if !seen[a] {
			t.Errorf("no %s event through key %d (saw %v)", a, k.ID, seen)
		}
	}
}

// TestAPIUsersPaging: pages of limit follow next_cursor to the end, once each.
func TestAPIUsersPaging(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	key, _ := env.keyFor(env.admin, time.Time{})
	for i := range 7 {
		env.user("p"+itoa(int64(i))+"@acme.test", "standard", "active")
	}
	env.service("Robot")
	seen := map[int64]bool{}
	cursor := ""
	for range 10 {
		r := env.call(key, "GET", "/users?limit=3&cursor="+cursor, nil)
		wantAPI(t, r, 200)
		for _, x := range r.body["items"].([]any) {
			id := num(x.(map[string]any)["id"])
			if seen[id] {
				t.Fatalf("id %d twice", id)
			}
			seen[id] = true
		}
		next, _ := r.body["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if len(seen) != 9 {
		t.Fatalf("%d accounts paged, want 9 (admin, 7 people, 1 service)", len(seen))
	}
	r := env.call(key, "GET", "/users?kind=service", nil)
	items := r.body["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["auth"] != "api_key" {
		t.Fatalf("service accounts %v", items)
	}
}

// TestAPIGrantBeyondOwnAccess: a key acts with its account's permissions, so
// it cannot give a role its account does not hold, nor make an Admin.
func TestAPIGrantBeyondOwnAccess(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	manager := env.user("manager@acme.test", "standard", "active", "user_manager")
	key, _ := env.keyFor(manager, time.Time{})
	body := map[string]any{"login": "eve", "first_name": "Eve", "last_name": "E", "email": "eve@acme.test",
		"password": "a long enough passphrase", "role_ids": []int64{env.roles["tenant_admin"]}}
	r := env.call(key, "POST", "/users", body)
	wantAPI(t, r, 403)
	if !fieldErrors(r)["role_ids"] {
		t.Fatalf("no role_ids error: %s", r.raw)
	}
	body["role_ids"], body["user_type"] = []int64{}, "admin"
	wantAPI(t, env.call(key, "POST", "/users", body), 422)
	r = env.call(key, "PUT", "/users/"+id(manager)+"/roles", map[string]any{"role_ids": []int64{env.roles["user_manager"], env.roles["tenant_admin"]}})
	wantAPI(t, r, 403)
	r = env.call(key, "POST", "/accounts/"+id(env.admin)+"/keys", map[string]any{"name": "steal", "expires": "30d"})
	wantAPI(t, r, 403)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
