package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPINamedValidation: groups, projects, roles and service accounts refuse
// bad names the way the console's forms do.
func TestAPINamedValidation(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	key, _ := env.keyFor(env.admin, time.Time{})
	for _, path := range []string{"/groups", "/projects", "/roles", "/service-accounts"} {
		wantAPI(t, env.call(key, "POST", path, `{"name":"Taken"}`), 201)
		for _, tc := range []struct {
			name, body string
			status     int
			field      string
		}{
			{"missing name", `{}`, 422, "name"},
			{"blank name", `{"name":"   "}`, 422, "name"},
			{"too long", `{"name":"` + strings.Repeat("n", 101) + `"}`, 422, "name"},
			{"zero-width space", `{"name":"a\u200bb"}`, 422, "name"},
			{"description too long", `{"name":"Fine","description":"` + strings.Repeat("d", 301) + `"}`, 422, "description"},
			{"name is a number", `{"name":5}`, 422, "name"},
			{"duplicate in another case", `{"name":"TAKEN"}`, 409, "name"},
			{"unknown field", `{"name":"Fine","owner":1}`, 422, "owner"},
		} {
			t.Run(path+" "+tc.name, func(t *testing.T) {
				r := env.call(key, "POST", path, tc.body)
				wantAPI(t, r, tc.status)
				if !fieldErrors(r)[tc.field] {
					t.Errorf("no error on %s: %s", tc.field, r.raw)
				}
			})
		}
	}
	for _, tc := range []struct{ body, field string }{
		{`{"name":"R","permissions":["users.everything"]}`, "permissions"},
		{`{"name":"R","permissions":["module:nope"]}`, "permissions"},
		{`{"name":"R","permissions":"users.view"}`, "permissions"},
	} {
		r := env.call(key, "POST", "/roles", tc.body)
		wantAPI(t, r, 422)
		if !fieldErrors(r)[tc.field] {
			t.Errorf("%s: no error on %s: %s", tc.body, tc.field, r.raw)
		}
	}
	builtin := itoa(env.roles["member"])
	wantAPI(t, env.call(key, "PATCH", "/roles/"+builtin, `{"name":"Mine"}`), 409)
	wantAPI(t, env.call(key, "DELETE", "/roles/"+builtin, nil), 409)
	svc := env.call(key, "POST", "/service-accounts", `{"name":"Nightly","group_ids":[999999]}`)
	wantAPI(t, svc, 422)
	for _, body := range []string{`{"name":"k"}`, `{"name":"k","expires":"2y"}`, `{"name":"","expires":"30d"}`} {
		wantAPI(t, env.call(key, "POST", "/accounts/"+id(env.admin)+"/keys", body), 422)
	}
}

// TestAPIGroupsFlow: create, rename, members and roles, refusals, delete.
func TestAPIGroupsFlow(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	key, k := env.keyFor(env.admin, time.Time{})
	person := env.user("ann@acme.test", "standard", "active")
	r := env.call(key, "POST", "/groups", `{"name":"Sales  EMEA","description":"Europe"}`)
	wantAPI(t, r, 201)
	g := "/groups/" + itoa(num(r.body["id"]))
	if r.body["name"] != "Sales EMEA" {
		t.Fatalf("name kept as %v", r.body["name"])
	}
	wantAPI(t, env.call(key, "PATCH", g, `{"name":"Sales Europe"}`), 200)
	wantAPI(t, env.call(key, "PUT", g+"/roles/"+itoa(env.roles["auditor"]), nil), 204)
	wantAPI(t, env.call(key, "PUT", g+"/roles/999999", nil), 404)
	wantAPI(t, env.call(key, "PUT", g+"/members/"+id(person), nil), 204)
	wantAPI(t, env.call(key, "PUT", g+"/members/999999", nil), 404)
	u := env.call(key, "GET", "/users/"+id(person), nil)
	if roles := u.body["roles"].([]any); len(roles) != 1 || roles[0].(map[string]any)["group_name"] != "Sales Europe" {
		t.Fatalf("roles via group: %v", roles)
	}
	r = env.call(key, "GET", g, nil)
	if num(r.body["members"]) != 1 || len(r.body["role_ids"].([]any)) != 1 {
		t.Fatalf("group %v", r.body)
	}
	wantAPI(t, env.call(key, "DELETE", g, nil), 409)
	wantAPI(t, env.call(key, "DELETE", g+"/members/"+id(person), nil), 204)
	wantAPI(t, env.call(key, "DELETE", g+"/roles/"+itoa(env.roles["auditor"]), nil), 204)
	wantAPI(t, env.call(key, "DELETE", g, nil), 204)
	wantAPI(t, env.call(key, "GET", g, nil), 404)
	n, err := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.delete"})
	if err != nil || len(n) != 1 || num(n[0].Details["api_key_id"]) != k.ID {
		t.Fatalf("group.delete events %v %v", n, err)
	}

	// A user manager's key may not give a group the Tenant Administrator role.
	manager := env.user("mgr@acme.test", "standard", "active", "user_manager")
	mkey, _ := env.keyFor(manager, time.Time{})
	r = env.call(mkey, "POST", "/groups", `{"name":"Escalators"}`)
	wantAPI(t, r, 201)
	wantAPI(t, env.call(mkey, "PUT", "/groups/"+itoa(num(r.body["id"]))+"/roles/"+itoa(env.roles["tenant_admin"]), nil), 403)
}

// TestAPIProjectsFlow: people and teams, misconfigurations, access validation.
func TestAPIProjectsFlow(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	key, _ := env.keyFor(env.admin, time.Time{})
	ann := env.user("ann@acme.test", "standard", "active")
	grp, err := env.st.CreateGroup(ctx, actorFor(env), "Engineering", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, actorFor(env), grp.ID, []int64{ann.ID}); err != nil {
		t.Fatal(err)
	}
	r := env.call(key, "POST", "/projects", `{"name":"Apollo"}`)
	wantAPI(t, r, 201)
	p := "/projects/" + itoa(num(r.body["id"]))
	wantAPI(t, env.call(key, "PUT", p+"/users/"+id(ann), `{"access":"admin"}`), 422)
	wantAPI(t, env.call(key, "PUT", p+"/users/"+id(ann), `{"access":"write","team":true}`), 204)
	wantAPI(t, env.call(key, "PUT", p+"/teams/"+itoa(grp.ID), `{"access":"read"}`), 204)
	r = env.call(key, "GET", p+"/misconfigurations", nil)
	wantAPI(t, r, 200)
	items := r.body["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["reason"] != "several_teams" {
		t.Fatalf("misconfigurations %v", items)
	}
	wantAPI(t, env.call(key, "PUT", p+"/users/"+id(ann), `{"access":"write","team":false}`), 204)
	r = env.call(key, "GET", p+"/misconfigurations", nil)
	if len(r.body["items"].([]any)) != 0 {
		t.Fatalf("still misconfigured: %s", r.raw)
	}
	r = env.call(key, "GET", p, nil)
	if num(r.body["people"]) != 1 || num(r.body["teams"]) != 1 {
		t.Fatalf("project %v", r.body)
	}
	wantAPI(t, env.call(key, "DELETE", p+"/teams/"+itoa(grp.ID), nil), 204)
	wantAPI(t, env.call(key, "DELETE", p+"/teams/"+itoa(grp.ID), nil), 404)
	wantAPI(t, env.call(key, "DELETE", p+"/users/"+id(ann), nil), 204)
	wantAPI(t, env.call(key, "PATCH", p, `{"archived":true}`), 200)
	r = env.call(key, "GET", "/projects", nil)
	if len(r.body["items"].([]any)) != 0 {
		t.Fatal("an archived project listed by default")
	}
	r = env.call(key, "GET", "/projects?archived=true", nil)
	if len(r.body["items"].([]any)) != 1 {
		t.Fatal("archived=true does not list it")
	}
	wantAPI(t, env.call(key, "DELETE", p, nil), 204)
	wantAPI(t, env.call(key, "GET", p, nil), http.StatusNotFound)
}

// TestAPIRolesFlow: a custom role with a module, changed and deleted; a key
// cannot put into a role a permission its account lacks.
func TestAPIRolesFlow(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	key, _ := env.keyFor(env.admin, time.Time{})
	if _, err := env.st.CreateModule(context.Background(), actorFor(env), "billing", "Billing", ""); err != nil {
		t.Fatal(err)
	}
	r := env.call(key, "POST", "/roles", `{"name":"Billing reader","permissions":["users.view","module:billing"]}`)
	wantAPI(t, r, 201)
	role := "/roles/" + itoa(num(r.body["id"]))
	if perms := r.body["permissions"].([]any); len(perms) != 2 || r.body["builtin"] != false {
		t.Fatalf("role %v", r.body)
	}
	r = env.call(key, "PATCH", role, `{"description":"Reads invoices","permissions":["module:billing"]}`)
	wantAPI(t, r, 200)
	if r.body["name"] != "Billing reader" || len(r.body["permissions"].([]any)) != 1 {
		t.Fatalf("patched %v", r.body)
	}
	perms := env.call(key, "GET", "/permissions", nil)
	if !strings.Contains(perms.raw, `"module:billing"`) || !strings.Contains(perms.raw, `"users.manage"`) {
		t.Fatalf("permissions %s", perms.raw)
	}
	wantAPI(t, env.call(key, "DELETE", role, nil), 204)
	wantAPI(t, env.call(key, "GET", role, nil), 404)

	roleMaker := env.roleWithAllBut(env.tenant.ID, "tenants.manage")
	rm := env.user("rm@acme.test", "standard", "active")
	if err := env.st.SetRoles(context.Background(), actorFor(env), rm.ID, []int64{roleMaker}); err != nil {
		t.Fatal(err)
	}
	rmKey, _ := env.keyFor(rm, time.Time{})
	r = env.call(rmKey, "POST", "/roles", `{"name":"Escalate","permissions":["tenants.manage"]}`)
	wantAPI(t, r, 403)
	if !fieldErrors(r)["permissions"] {
		t.Fatalf("no permissions error: %s", r.raw)
	}
	wantAPI(t, env.call(rmKey, "POST", "/roles", `{"name":"Fine","permissions":["users.view"]}`), 201)
}
