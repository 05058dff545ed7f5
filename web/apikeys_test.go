package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestServiceAccountConsole: create a service account with a role, give it a
// key shown once, call the API with it, deactivate it and see the key refused.
func TestServiceAccountConsole(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	res := c.get("/service-accounts")
	wantStatus(t, res, 200)
	if !strings.Contains(res.body, "No service accounts yet.") {
		t.Fatal("no empty state")
	}
	form := url.Values{"name": {"Billing Sync"}, "description": {"Nightly export"}, "role": {itoa(env.roles["auditor"])}}
	res = c.post("/service-accounts", form)
	wantStatus(t, res, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	res = c.get(loc)
	wantStatus(t, res, 200)
	if !strings.Contains(res.body, "svc.billing-sync") || !strings.Contains(res.body, "Nightly export") {
		t.Fatalf("service account page: %s", snippet(res.body))
	}
	svcPath := strings.TrimSuffix(loc, "?done=created")
	svcID := strings.TrimPrefix(svcPath, tp("/service-accounts/"))

	for name, f := range map[string]url.Values{
		"empty name":     {"name": {""}},
		"duplicate name": {"name": {"billing sync"}},
		"only symbols":   {"name": {"!!!"}},
		"too long":       {"name": {strings.Repeat("x", 101)}},
		"unknown role":   {"name": {"Other"}, "role": {"999999"}},
		"bad group id":   {"name": {"Other"}, "group": {"x"}},
		"unknown group":  {"name": {"Other"}, "group": {"999999"}},
	} {
		t.Run(name, func(t *testing.T) {
			res := c.post("/service-accounts", f)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if res.doc.Find(".field-error").Length() == 0 {
				t.Fatal("no field error shown")
			}
		})
	}

	res = c.post("/accounts/"+svcID+"/keys", url.Values{"name": {"prod"}, "expires": {"90d"}})
	wantStatus(t, res, 200)
	key, _ := res.doc.Find("#new-key").Attr("value")
	if !strings.HasPrefix(key, "csk_") || res.doc.Find(`button[data-copy="new-key"]`).Length() != 1 {
		t.Fatalf("no key shown with a copy button: %s", snippet(res.body))
	}
	wantAPI(t, env.call(key, "GET", "/users", nil), 200)
	res = c.get(svcPath)
	if strings.Contains(res.body, key) || res.doc.Find("#new-key").Length() != 0 {
		t.Fatal("the secret is shown a second time")
	}
	if !strings.Contains(res.body, key[:len("csk_")+16]) {
		t.Fatal("the list does not show the key's prefix")
	}

	wantStatus(t, c.post(svcPath+"/roles", url.Values{"role": {itoa(env.roles["member"])}}), http.StatusSeeOther)
	wantAPI(t, env.call(key, "GET", "/users", nil), 403) // a Member holds no users.view
	wantStatus(t, c.post(svcPath+"/roles", url.Values{"role": {"x"}}), http.StatusUnprocessableEntity)
	wantStatus(t, c.post(svcPath+"/roles", url.Values{"role": {itoa(env.roles["auditor"])}}), http.StatusSeeOther)
	wantAPI(t, env.call(key, "GET", "/users", nil), 200)

	wantStatus(t, c.post(svcPath+"/deactivate", nil), http.StatusSeeOther)
	wantAPI(t, env.call(key, "GET", "/users", nil), 401)
	wantStatus(t, c.post(svcPath+"/activate", nil), http.StatusSeeOther)
	wantAPI(t, env.call(key, "GET", "/users", nil), 200)

	// The sign-in form gives a service account the generic refusal.
	_, msg := env.client().signIn("svc.billing-sync", testPassword, "")
	_, unknown := env.client().signIn("nobody@acme.test", testPassword, "")
	if msg == "" || msg != unknown {
		t.Fatalf("service account sign-in said %q, an unknown account %q", msg, unknown)
	}
	// A person's route does not open a service account, nor the reverse.
	wantStatus(t, c.get("/users/"+svcID+"/edit"), 404)
	wantStatus(t, c.get("/service-accounts/"+id(env.admin)), 404)
}

// TestOwnKeys: a person creates and revokes their own keys; nobody else's.
func TestOwnKeys(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	member := env.user("member@acme.test", "standard", "active", "member")
	c := env.signedIn("member@acme.test")
	wantStatus(t, c.get("/account/keys"), 200)
	res := c.post("/account/keys", url.Values{"name": {""}, "expires": {"forever"}})
	wantStatus(t, res, 422)
	if res.doc.Find("#key-name-error").Length() != 1 || res.doc.Find("#key-expires-error").Length() != 1 {
		t.Fatal("no field errors")
	}
	res = c.post("/account/keys", url.Values{"name": {"laptop"}, "expires": {"never"}})
	wantStatus(t, res, 200)
	key, _ := res.doc.Find("#new-key").Attr("value")
	// A member holds no users.view: the key acts with the member's permissions.
	wantAPI(t, env.call(key, "GET", "/users", nil), 403)

	adminKey, k := env.keyFor(env.admin, time.Time{})
	wantStatus(t, c.post("/account/keys/"+itoa(k.ID)+"/revoke", nil), 404)
	wantAPI(t, env.call(adminKey, "GET", "/users", nil), 200)

	mine, err := env.st.APIKeys(context.Background(), env.tenant.ID, member.ID)
	if err != nil || len(mine) != 1 {
		t.Fatalf("keys %v %v", mine, err)
	}
	res = c.post("/account/keys/"+itoa(mine[0].ID)+"/revoke", nil)
	wantStatus(t, res, http.StatusSeeOther)
	wantAPI(t, env.call(key, "GET", "/permissions", nil), 401)

	// Without the CSRF token nothing changes.
	res = c.post("/account/keys", url.Values{"name": {"x"}, "expires": {"30d"}, "_csrf": {"wrong"}})
	wantStatus(t, res, 403)
}

// TestKeyForMorePowerfulAccount: a key manager who is no Admin cannot make a
// key for an Admin (the key would act as one).
func TestKeyForMorePowerfulAccount(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	role := env.roleWithAllBut(env.tenant.ID, "tenants.manage")
	km := env.user("keys@acme.test", "standard", "active")
	if err := env.st.SetRoles(context.Background(), actorFor(env), km.ID, []int64{role}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("keys@acme.test")
	res := c.get("/accounts/" + id(env.admin) + "/keys")
	wantStatus(t, res, 200)
	if res.doc.Find("#key-create").Length() != 0 {
		t.Fatal("create form offered for an Admin's keys")
	}
	wantStatus(t, c.post("/accounts/"+id(env.admin)+"/keys", url.Values{"name": {"x"}, "expires": {"30d"}}), 403)
	member := env.user("m@acme.test", "standard", "active", "member")
	wantStatus(t, c.post("/accounts/"+id(member)+"/keys", url.Values{"name": {"x"}, "expires": {"30d"}}), 200)
}
