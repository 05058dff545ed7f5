package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// TestSSOSettingsDomainTaken: a domain another tenant's connection routes is
// refused at both doors with 409, naming the domain.
func TestSSOSettingsDomainTaken(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	other, _ := env.newTenant("Other", "other")
	if err := env.st.SaveSSO(context.Background(), store.Actor{TenantID: other.ID}, store.SSOConnection{DisplayName: "Other",
		Issuer: "https://other.test", ClientID: "x", Scopes: []string{"openid"}, Claim: "email", Domains: []string{"example.com"},
		Enabled: true}, false); err != nil {
		t.Fatal(err)
	}
	admin := env.signedIn("admin@acme.test")
	res := admin.post("/settings/sso", ssoForm("https://login.acme.test"))
	wantStatus(t, res, http.StatusConflict)
	if msg := res.doc.Find("#sso-alert").Text(); !strings.Contains(msg, "example.com already signs in") {
		t.Fatalf("alert %q", msg)
	}
	if !strings.Contains(res.doc.Find("#domains-error").Text(), "example.com") {
		t.Fatal("the domains field does not say which domain is taken")
	}
	res = admin.post("/settings/sso", ssoForm("https://login.acme.test"), htmx("main")...)
	wantStatus(t, res, http.StatusUnprocessableEntity) // htmx swaps 422 only
	if !strings.Contains(res.doc.Find("#sso-alert").Text(), "example.com already signs in") {
		t.Fatalf("htmx alert:\n%s", snippet(res.body))
	}
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	r := env.call(key, http.MethodPut, "/settings/sso", map[string]any{"display_name": "Acme", "issuer": "https://login.acme.test",
		"client_id": "console", "domains": []string{"Example.com"}})
	wantAPI(t, r, http.StatusConflict)
	if !fieldErrors(r)["domains"] || !strings.Contains(r.raw, "example.com") {
		t.Fatalf("API conflict %s", r.raw)
	}
	if _, err := env.st.SSOConnection(context.Background(), env.tenant.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatal("a refused save left a connection")
	}
}

// TestSSOSettingsAccess: without tenant.settings the page, its actions and
// the API are refused; another tenant's key never sees this connection.
func TestSSOSettingsAccess(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	if err := env.h.ops.SaveSSO(ctx, ops.Principal{TenantID: env.tenant.ID, HomeTenantID: env.tenant.ID, AccountID: env.admin.ID},
		ssoOps("https://login.acme.test", "acme.test")); err != nil {
		t.Fatal(err)
	}
	mgr := env.user("manager@acme.test", "standard", "active", "user_manager")
	c := env.signedIn("manager@acme.test")
	for _, res := range []response{c.get("/settings/sso"), c.post("/settings/sso", ssoForm("https://x.test")),
		c.post("/settings/sso/test", ssoForm("https://x.test")), c.post("/settings/sso/remove", url.Values{"confirm": {"1"}})} {
		if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
			t.Fatalf("%s %s: %d", res.Request.Method, res.Request.URL.Path, res.StatusCode)
		}
	}
	key, _ := env.keyFor(mgr, time.Now().Add(time.Hour))
	wantAPI(t, env.call(key, http.MethodGet, "/settings/sso", nil), http.StatusForbidden)
	wantAPI(t, env.call(key, http.MethodPut, "/settings/sso", map[string]any{"display_name": "x"}), http.StatusForbidden)
	wantAPI(t, env.call(key, http.MethodDelete, "/settings/sso", nil), http.StatusForbidden)

	other, roles := env.newTenant("Other", "other")
	boss := env.userIn(other.ID, roles, "boss@other.test", "admin", "active")
	otherKey, _ := env.keyFor(boss, time.Now().Add(time.Hour))
	r := env.call(otherKey, http.MethodGet, "/settings/sso", nil)
	wantAPI(t, r, http.StatusNotFound)
	if strings.Contains(r.raw, "login.acme.test") {
		t.Fatal("another tenant's key read this connection")
	}
	wantAPI(t, env.call(otherKey, http.MethodDelete, "/settings/sso", nil), http.StatusNotFound)
	if _, err := env.st.SSOConnection(ctx, env.tenant.ID); err != nil {
		t.Fatalf("the connection is gone: %v", err)
	}
	// Another tenant's administrator in the console cannot reach it either.
	oc := env.signedIn("boss@other.test")
	if res := oc.get(tp("/settings/sso")); res.StatusCode == http.StatusOK && strings.Contains(res.body, "login.acme.test") {
		t.Fatal("another tenant's administrator read this connection")
	}
}

func ssoOps(issuer string, domains ...string) form.SSO {
	return form.SSO{DisplayName: "Acme ID", Issuer: issuer, ClientID: "console", Domains: domains, Enabled: true}
}

// TestSSOSettingsLastManager: when the only people who can manage users
// sign in through the connection, disabling or removing it is refused (409)
// at both doors, and the connection stays.
func TestSSOSettingsLastManager(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	solo, roles := env.newTenant("Solo", "solo")
	if _, err := env.st.CreateAccount(ctx, store.Actor{TenantID: solo.ID}, store.NewAccount{Login: "boss",
		Profile: store.Profile{FirstName: "Boss", LastName: "Sso", Email: "boss@solo.test", Language: "en", TimeZone: "UTC",
			Currency: "USD", UserType: "admin"}, Status: "active", AuthMethod: "sso"}); err != nil {
		t.Fatal(err)
	}
	settingsRole := env.roleWithAllBut(solo.ID, auth.UsersManage)
	clerk := env.userIn(solo.ID, roles, "clerk@solo.test", "standard", "active")
	if err := env.st.SetRoles(ctx, store.Actor{TenantID: solo.ID}, clerk.ID, []int64{settingsRole}); err != nil {
		t.Fatal(err)
	}
	// Set up as the store's own (the clerk may not choose whom a connection
	// trusts while an Admin's SSO account is not linked yet); the clerk may
	// still try to turn it off.
	if err := env.st.SaveSSO(ctx, store.Actor{TenantID: solo.ID}, store.SSOConnection{DisplayName: "Acme ID",
		Issuer: "https://login.solo.test", ClientID: "console", Scopes: []string{"openid"}, Claim: "email",
		Domains: []string{"solo.test"}, Enabled: true}, false); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("clerk@solo.test")
	off := ssoForm("https://login.solo.test", "enabled", "", "domains", "solo.test")
	res := c.post("/t/solo/settings/sso", off)
	wantStatus(t, res, http.StatusConflict)
	if msg := res.doc.Find("#sso-alert").Text(); !strings.Contains(msg, "Nobody could manage users") ||
		!strings.Contains(res.doc.Find("#enabled-error").Text(), "Nobody could manage users") {
		t.Fatalf("disable refusal:\n%s", snippet(res.doc.Find("main").Text()))
	}
	res = c.post("/t/solo/settings/sso/remove", url.Values{})
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.doc.Find("#sso-confirm-what").Text(), "no longer be able to sign in") {
		t.Fatalf("remove asks no confirmation:\n%s", snippet(res.doc.Find("main").Text()))
	}
	res = c.post("/t/solo/settings/sso/remove", url.Values{"confirm": {"1"}})
	wantStatus(t, res, http.StatusConflict)
	if !strings.Contains(res.doc.Find("#sso-alert").Text(), "Nobody could manage users") {
		t.Fatalf("remove refusal:\n%s", snippet(res.doc.Find("main").Text()))
	}
	key, _ := env.keyFor(clerk, time.Now().Add(time.Hour))
	wantAPI(t, env.call(key, http.MethodPut, "/settings/sso", map[string]any{"display_name": "Acme ID",
		"issuer": "https://login.solo.test", "client_id": "console", "domains": []string{"solo.test"}, "enabled": false}), http.StatusConflict)
	wantAPI(t, env.call(key, http.MethodDelete, "/settings/sso", nil), http.StatusConflict)
	if saved, err := env.st.SSOConnection(ctx, solo.ID); err != nil || !saved.Enabled {
		t.Fatalf("connection after refusals: %+v %v", saved, err)
	}
}

// TestSSOSettingsRemove: the confirmation step says what happens, then the
// connection is gone (audited) and the page is back to "Not set up".
func TestSSOSettingsRemove(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	admin := env.signedIn("admin@acme.test")
	wantStatus(t, admin.post("/settings/sso", ssoForm("https://login.acme.test")), http.StatusSeeOther)
	res := admin.post("/settings/sso/remove", url.Values{}, htmx("main")...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(`#sso-confirm-title`).Text() != "Remove the connection “Acme ID”?" {
		t.Fatalf("confirmation:\n%s", snippet(res.body))
	}
	if _, err := env.st.SSOConnection(context.Background(), env.tenant.ID); err != nil {
		t.Fatal("asking removed the connection")
	}
	res = admin.post("/settings/sso/remove", url.Values{"confirm": {"1"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tp("/settings/sso?done=removed") {
		t.Fatalf("remove: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, err := env.st.SSOConnection(context.Background(), env.tenant.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("after removal: %v", err)
	}
	page := admin.get("/settings/sso?done=removed")
	if !strings.Contains(page.body, "Single sign-on connection removed.") || !strings.Contains(page.body, "Not set up") {
		t.Fatalf("after removal:\n%s", snippet(page.doc.Find("main").Text()))
	}
	if n, _ := env.st.AuditCount(context.Background(), store.ActionSSORemove); n != 1 {
		t.Fatalf("sso.remove events: %d", n)
	}
}
