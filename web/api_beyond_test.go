package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// The two refusals of the act-for rule, the same words as the console's.
const (
	beyondAccess = "This account holds access you do not: only someone holding at least as much may change it, set its password or send it links."
	adminOnly    = "Only an administrator can make someone an Admin, or change or deactivate an Admin."
)

// TestAPIActBeyondAccess: a key whose account holds everything but
// tenants.manage changes, stops, deletes or revokes the keys of nobody holding
// more (an Admin, a Tenant Administrator): an email it changed would be a
// password reset away from taking the account. Itself and lesser accounts it
// may change.
func TestAPIActBeyondAccess(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	km := env.user("keys@acme.test", "standard", "active")
	if err := env.st.SetRoles(ctx, actorFor(env), km.ID, []int64{env.roleWithAllBut(env.tenant.ID, auth.TenantsManage)}); err != nil {
		t.Fatal(err)
	}
	key, _ := env.keyFor(km, time.Time{})
	ta := env.user("ta@acme.test", "standard", "active", "tenant_admin")
	pendingAdmin := env.user("newadmin@acme.test", "admin", "pending")
	member := env.user("member@acme.test", "standard", "active", "member")
	adminKey, _ := env.keyFor(env.admin, time.Time{})
	_, adminK := env.keyFor(env.admin, time.Time{})
	_, taK := env.keyFor(ta, time.Time{})
	_, memberK := env.keyFor(member, time.Time{})

	refused := []struct {
		name, method, path string
		body               any
		detail             string
	}{
		{"email of an Admin", "PATCH", "/users/" + id(env.admin), map[string]any{"email": "evil@acme.test"}, adminOnly},
		{"email of a Tenant Administrator", "PATCH", "/users/" + id(ta), map[string]any{"email": "evil@acme.test"}, beyondAccess},
		{"roles of a Tenant Administrator", "PUT", "/users/" + id(ta) + "/roles", map[string]any{"role_ids": []int64{}}, beyondAccess},
		{"deactivate a Tenant Administrator", "POST", "/users/" + id(ta) + "/deactivate", nil, beyondAccess},
		{"delete a pending Admin", "DELETE", "/users/" + id(pendingAdmin), nil, adminOnly},
		{"revoke an Admin's key", "DELETE", "/accounts/" + id(env.admin) + "/keys/" + itoa(adminK.ID), nil, adminOnly},
		{"revoke a Tenant Administrator's key", "DELETE", "/accounts/" + id(ta) + "/keys/" + itoa(taK.ID), nil, beyondAccess},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			r := env.call(key, tc.method, tc.path, tc.body)
			wantAPI(t, r, http.StatusForbidden)
			if r.body["detail"] != tc.detail {
				t.Errorf("detail %q, want %q", r.body["detail"], tc.detail)
			}
		})
	}
	for _, a := range []store.Account{env.admin, ta} {
		got, _ := env.st.Account(ctx, env.tenant.ID, a.ID)
		if got.Email != a.Email || got.Status != "active" {
			t.Errorf("%s changed: email %q, status %q", a.Email, got.Email, got.Status)
		}
	}
	if _, err := env.st.Account(ctx, env.tenant.ID, pendingAdmin.ID); err != nil {
		t.Errorf("pending Admin deleted: %v", err)
	}
	wantAPI(t, env.call(adminKey, "GET", "/users/"+id(ta), nil), 200) // the Admin's keys still work
	r := env.call(adminKey, "GET", "/accounts/"+id(ta)+"/keys", nil)
	if items := r.body["items"].([]any); items[0].(map[string]any)["status"] != "active" {
		t.Errorf("Tenant Administrator's key revoked: %v", items)
	}
	r = env.call(key, "GET", "/users/"+id(ta), nil)
	if roles, _ := r.body["roles"].([]any); len(roles) != 1 {
		t.Errorf("Tenant Administrator's roles changed: %v", r.body["roles"])
	}

	// In French too.
	req := env.callLang(key, "fr", "PATCH", "/users/"+id(ta), map[string]any{"email": "evil@acme.test"})
	if want := "Ce compte détient des accès que vous n’avez pas : seule une personne qui en détient au moins autant peut le modifier, définir son mot de passe ou lui envoyer des liens."; req.body["detail"] != want {
		t.Errorf("French detail %q", req.body["detail"])
	}

	// Oneself and lesser accounts stay in reach.
	wantAPI(t, env.call(key, "PATCH", "/users/"+id(km), map[string]any{"first_name": "Kim"}), 200)
	wantAPI(t, env.call(key, "PATCH", "/users/"+id(member), map[string]any{"email": "member2@acme.test"}), 200)
	wantAPI(t, env.call(key, "PUT", "/users/"+id(member)+"/roles", map[string]any{"role_ids": []int64{env.roles["auditor"]}}), 200)
	wantAPI(t, env.call(key, "POST", "/users/"+id(member)+"/deactivate", nil), 200)
	wantAPI(t, env.call(key, "POST", "/users/"+id(member)+"/activate", nil), 200)
	wantAPI(t, env.call(key, "DELETE", "/accounts/"+id(member)+"/keys/"+itoa(memberK.ID), nil), 204)
	pending := env.user("pending@acme.test", "standard", "pending", "member")
	wantAPI(t, env.call(key, "DELETE", "/users/"+id(pending), nil), 204)

	// A more powerful account that is deactivated stays out of reach too.
	if _, err := env.st.SetStatus(ctx, actorFor(env), ta.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	wantAPI(t, env.call(key, "POST", "/users/"+id(ta)+"/activate", nil), 403)
}
