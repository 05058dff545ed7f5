package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/sso/ssotest"
	"github.com/console-dev/console/store"
)

const ssoSecret = "Sup3r-s3cret-value-42"

// newSSOSettingsEnv is an env whose console may speak plain HTTP to the test's provider.
func newSSOSettingsEnv(t *testing.T) *testEnv {
	return newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
}

// ssoForm is a complete, valid connection form; pairs override fields
// (an empty value removes the field).
func ssoForm(issuer string, pairs ...string) url.Values {
	v := url.Values{"display_name": {"Acme ID"}, "issuer": {issuer}, "client_id": {"console"},
		"client_secret": {ssoSecret}, "scopes": {"openid email profile"}, "claim": {"email"},
		"domains": {"acme.test\nexample.com"}, "enabled": {"1"}}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			v.Del(pairs[i])
		} else {
			v.Set(pairs[i], pairs[i+1])
		}
	}
	return v
}

// auditText is every audit event of the tenant, as JSON.
func auditText(t *testing.T, e *testEnv, tenantID int64) string {
	t.Helper()
	evs, err := e.st.AuditEvents(context.Background(), tenantID, store.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(evs)
	return string(b)
}

// TestSSOSettingsSave: the administrator reaches the page from Settings,
// sees the redirect URI to register, saves a connection; the secret is
// stored sealed, shown only as "Set", kept when the field is left empty and
// cleared on request; it never appears in a page, the API or the audit trail.
func TestSSOSettingsSave(t *testing.T) {
	t.Parallel()
	env := newSSOSettingsEnv(t)
	ctx := context.Background()
	admin := env.signedIn("admin@acme.test")
	settings := admin.get("/settings")
	if settings.doc.Find(`a[href="`+tp("/settings/sso")+`"]`).Length() == 0 {
		t.Fatal("the settings page does not link to single sign-on")
	}
	page := admin.get("/settings/sso")
	wantStatus(t, page, http.StatusOK)
	if v, _ := page.doc.Find("#redirect_uri").Attr("value"); v != env.srv.URL+"/sso/callback" {
		t.Fatalf("redirect URI %q", v)
	}
	if page.doc.Find(`label[for="redirect_uri"]`).Length() != 1 || !strings.Contains(page.body, "Not set up") {
		t.Fatalf("empty state:\n%s", snippet(page.doc.Find("main").Text()))
	}
	for _, f := range []string{"display_name", "issuer", "client_id", "client_secret", "scopes", "claim", "domains", "create_accounts", "enabled"} {
		if page.doc.Find(`label[for="`+f+`"]`).Length()+page.doc.Find(`label:has(#`+f+`)`).Length() == 0 {
			t.Errorf("field %s has no label", f)
		}
	}
	if v, _ := page.doc.Find("#scopes").Attr("value"); v != "openid email profile" {
		t.Fatalf("default scopes %q", v)
	}
	if _, on := page.doc.Find("#create_accounts").Attr("checked"); on {
		t.Fatal("create accounts at first sign-in is on by default")
	}

	res := admin.post("/settings/sso", ssoForm("https://login.acme.test/realms/acme"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tp("/settings/sso?done=saved") {
		t.Fatalf("save: %d %q\n%s", res.StatusCode, res.Header.Get("Location"), snippet(res.body))
	}
	saved, err := env.st.SSOConnection(ctx, env.tenant.ID)
	if err != nil || saved.Secret == "" || strings.Contains(saved.Secret, ssoSecret) {
		t.Fatalf("saved %+v, %v: the secret must be stored sealed", saved, err)
	}
	open := func() string {
		t.Helper()
		c, err := env.h.ops.SSOClient(ctx, env.tenant.ID)
		if err != nil {
			t.Fatal(err)
		}
		return c.Secret
	}
	if open() != ssoSecret || strings.Join(saved.Domains, " ") != "acme.test example.com" {
		t.Fatalf("saved %+v", saved)
	}
	page = admin.get("/settings/sso?done=saved")
	if !strings.Contains(page.body, "Single sign-on connection saved.") || page.doc.Find("#secret-state").Text() != "Set" {
		t.Fatalf("after saving:\n%s", snippet(page.doc.Find("main").Text()))
	}
	if v, ok := page.doc.Find("#client_secret").Attr("value"); ok && v != "" {
		t.Fatalf("secret field holds %q", v)
	}

	// Left empty, the secret stays; through htmx the answer is HX-Redirect.
	res = admin.post("/settings/sso", ssoForm("https://login.acme.test/realms/acme", "client_secret", "", "display_name", "Acme Entra"), htmx("main")...)
	if res.Header.Get("HX-Redirect") != tp("/settings/sso?done=saved") {
		t.Fatalf("htmx save: %d %v", res.StatusCode, res.Header)
	}
	if open() != ssoSecret {
		t.Fatal("an empty secret field changed the saved secret")
	}
	apiKey, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	got := env.call(apiKey, http.MethodGet, "/settings/sso", nil)
	wantAPI(t, got, http.StatusOK)
	if got.body["client_secret_set"] != true || got.body["display_name"] != "Acme Entra" ||
		got.body["redirect_uri"] != env.srv.URL+"/sso/callback" {
		t.Fatalf("API GET %s", got.raw)
	}

	// "Remove the saved secret" clears it.
	res = admin.post("/settings/sso", ssoForm("https://login.acme.test/realms/acme", "client_secret", "", "clear_secret", "1"))
	wantStatus(t, res, http.StatusSeeOther)
	if open() != "" || admin.get("/settings/sso").doc.Find("#secret-state").Text() != "Not set" {
		t.Fatal("the secret was not cleared")
	}
	if env.call(apiKey, http.MethodGet, "/settings/sso", nil).body["client_secret_set"] != false {
		t.Fatal("API says a cleared secret is set")
	}
	if n, _ := env.st.AuditCount(ctx, store.ActionSSOUpdate); n != 3 {
		t.Fatalf("sso.update events: %d", n)
	}
	for where, text := range map[string]string{"audit": auditText(t, env, env.tenant.ID), "API": got.raw,
		"page": page.body, "audit page": admin.get("/audit").body} {
		if strings.Contains(text, ssoSecret) {
			t.Fatalf("the client secret appears in the %s", where)
		}
	}
}

// TestSSOSettingsBadInput: every refusal is said beside its field (422) and
// nothing is saved; without a CSRF token nothing happens either.
func TestSSOSettingsBadInput(t *testing.T) {
	t.Parallel()
	env := newEnv(t) // plain http:// issuers refused
	admin := env.signedIn("admin@acme.test")
	admin.get("/settings/sso")
	const iss = "https://login.acme.test"
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprintf("d%d.example.com", i)
	}
	cases := []struct {
		name, field string
		form        url.Values
		says        string
	}{
		{"no display name", "display_name", ssoForm(iss, "display_name", " "), "required"},
		{"display name too long", "display_name", ssoForm(iss, "display_name", strings.Repeat("é", 101)), "at most 100"},
		{"no issuer", "issuer", ssoForm(iss, "issuer", ""), "required"},
		{"issuer not a URL", "issuer", ssoForm(iss, "issuer", "login dot acme"), "issuer URL the provider documents"},
		{"issuer with a query", "issuer", ssoForm(iss, "issuer", "https://login.acme.test/?x=1"), "no query"},
		{"http issuer", "issuer", ssoForm(iss, "issuer", "http://login.acme.test"), "must start with https://"},
		{"issuer too long", "issuer", ssoForm(iss, "issuer", "https://a.test/"+strings.Repeat("x", 500)), "at most 500"},
		{"no client id", "client_id", ssoForm(iss, "client_id", ""), "required"},
		{"client id with a space", "client_id", ssoForm(iss, "client_id", "my client"), "no spaces"},
		{"bad scope", "scopes", ssoForm(iss, "scopes", `openid "email"`), "one word"},
		{"bad claim", "claim", ssoForm(iss, "claim", "e mail"), "claim name"},
		{"bad domain", "domains", ssoForm(iss, "domains", "acme.test\n-bad-.com"), "“-bad-.com” is not an email domain"},
		{"one-label domain", "domains", ssoForm(iss, "domains", "localhost"), "not an email domain"},
		{"too many domains", "domains", ssoForm(iss, "domains", strings.Join(many, ",")), "at most 50 domains"},
		{"create accounts without domains", "domains", ssoForm(iss, "domains", "", "create_accounts", "1"), "list the email domains"},
		{"secret too long", "client_secret", ssoForm(iss, "client_secret", strings.Repeat("s", 1001)), "at most 1000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.post("/settings/sso", tc.form)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if msg := res.doc.Find("#" + tc.field + "-error").Text(); !strings.Contains(msg, tc.says) {
				t.Fatalf("%s error %q, want %q", tc.field, msg, tc.says)
			}
			if v, _ := res.doc.Find("#" + tc.field).Attr("aria-invalid"); v != "true" {
				t.Fatalf("%s not marked invalid", tc.field)
			}
			if strings.Contains(res.body, ssoSecret) {
				t.Fatal("the typed secret is echoed back")
			}
		})
	}
	// Not UTF-8: refused before any handler runs.
	res := admin.post("/settings/sso", ssoForm(iss, "display_name", "Acme \xff"))
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "UTF-8") {
		t.Fatalf("invalid UTF-8:\n%s", snippet(res.body))
	}
	// htmx: the form comes back with its messages, swapped with status 422.
	res = admin.post("/settings/sso", ssoForm(iss, "display_name", ""), htmx("main")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if res.doc.Find("#display_name-error").Length() != 1 || res.doc.Find("header nav").Length() != 0 {
		t.Fatalf("htmx refusal is not the block:\n%s", snippet(res.body))
	}
	noCSRF := ssoForm(iss)
	noCSRF.Set("_csrf", "")
	wantStatus(t, admin.post("/settings/sso", noCSRF), http.StatusForbidden)
	wantStatus(t, admin.post("/settings/sso/test", noCSRF), http.StatusForbidden)
	wantStatus(t, admin.post("/settings/sso/remove", url.Values{"_csrf": {""}, "confirm": {"1"}}), http.StatusForbidden)
	if _, err := env.st.SSOConnection(context.Background(), env.tenant.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("bad input saved a connection: %v", err)
	}
	if n, _ := env.st.AuditCount(context.Background(), store.ActionSSOUpdate); n != 0 {
		t.Fatalf("sso.update events: %d", n)
	}
}

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

// TestSSOSettingsTestConnection: Test connection reports what the provider
// announces, swapped in by htmx or on the full page without JS; a provider
// that is down, a server that is no provider, an issuer that names itself
// otherwise or an http:// issuer get a clear message, never a 500 nor the
// remote server's body.
func TestSSOSettingsTestConnection(t *testing.T) {
	t.Parallel()
	env := newSSOSettingsEnv(t)
	idp := ssotest.Start(t)
	admin := env.signedIn("admin@acme.test")
	admin.get("/settings/sso")

	res := admin.post("/settings/sso/test", ssoForm(idp.URL, "scopes", "openid email profile offline_access"), htmx("sso-test")...)
	wantStatus(t, res, http.StatusOK)
	box := res.doc.Find("#sso-test")
	text := box.Text()
	for _, want := range []string{"The provider answered", idp.URL + "/authorize", idp.URL + "/token", idp.URL + "/userinfo", idp.URL + "/logout"} {
		if !strings.Contains(text, want) {
			t.Fatalf("report lacks %q:\n%s", want, text)
		}
	}
	if role, _ := box.Attr("role"); role != "status" || res.doc.Find("header nav").Length() != 0 {
		t.Fatal("the htmx answer is not the status region alone")
	}
	if !strings.Contains(text, "Supported") || !strings.Contains(text, "1 in the key set") ||
		!strings.Contains(box.Find("#sso-test-scopes").Text(), "Not listed by the provider: offline_access") {
		t.Fatalf("report:\n%s", text)
	}
	if _, err := env.st.SSOConnection(context.Background(), env.tenant.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatal("Test connection saved something")
	}
	// Without JS: the whole page, the form keeping what was typed.
	res = admin.post("/settings/sso/test", ssoForm(idp.URL, "display_name", "Typed name"))
	wantStatus(t, res, http.StatusOK)
	if v, _ := res.doc.Find("#display_name").Attr("value"); v != "Typed name" || !strings.Contains(res.doc.Find("#sso-test").Text(), "The provider answered") {
		t.Fatalf("full page test:\n%s", snippet(res.doc.Find("main").Text()))
	}
	// An empty issuer field tests the saved connection.
	wantStatus(t, admin.post("/settings/sso", ssoForm(idp.URL)), http.StatusSeeOther)
	res = admin.post("/settings/sso/test", ssoForm("", "issuer", ""), htmx("sso-test")...)
	if !strings.Contains(res.doc.Find("#sso-test").Text(), idp.URL+"/token") {
		t.Fatalf("saved issuer not tested:\n%s", res.body)
	}

	notOIDC := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<h1>secret-internal-page</h1>", http.StatusNotFound)
	}))
	t.Cleanup(notOIDC.Close)
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<html>hello-from-remote</html>"))
	}))
	t.Cleanup(garbage.Close)
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	cases := []struct{ name, issuer, says string }{
		{"down", downURL, "could not be reached"},
		{"not OIDC", notOIDC.URL, "not with an OpenID Connect discovery document"},
		{"not JSON", garbage.URL, "not with an OpenID Connect discovery document"},
		{"issuer mismatch", idp.URL + "/", "names itself “" + idp.URL + "”"},
		{"not a URL", "nope", "issuer URL the provider documents"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, hx := range [][]string{htmx("sso-test"), nil} {
				res := admin.post("/settings/sso/test", ssoForm(tc.issuer), hx...)
				wantStatus(t, res, http.StatusOK)
				msg := res.doc.Find("#sso-test-error").Text()
				if !strings.Contains(msg, tc.says) {
					t.Fatalf("message %q, want %q", msg, tc.says)
				}
				if strings.Contains(res.body, "secret-internal-page") || strings.Contains(res.body, "hello-from-remote") {
					t.Fatal("the remote server's body is echoed")
				}
			}
		})
	}
	idp.Down(true)
	res = admin.post("/settings/sso/test", ssoForm(idp.URL), htmx("sso-test")...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("#sso-test-error").Length() != 1 {
		t.Fatalf("provider down:\n%s", res.body)
	}
}

// TestSSOSettingsTestHTTPRefused: without AllowHTTP an http:// issuer is
// refused before anything is fetched.
func TestSSOSettingsTestHTTPRefused(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	var hits atomic.Int32
	idp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(idp.Close)
	admin := env.signedIn("admin@acme.test")
	res := admin.post("/settings/sso/test", ssoForm(idp.URL), htmx("sso-test")...)
	if !strings.Contains(res.doc.Find("#sso-test-error").Text(), "must start with https://") {
		t.Fatalf("http issuer:\n%s", res.body)
	}
	if hits.Load() != 0 {
		t.Fatal("the server was contacted")
	}
}

// TestSSOUserFormDefault: with an enabled connection the create-user form
// defaults to SSO, as the product documents; without one (or disabled),
// password stays the default and SSO carries a note that such users cannot
// sign in yet, linking to the settings for those who may change them.
func TestSSOUserFormDefault(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	env.user("manager@acme.test", "standard", "active", "user_manager")
	admin, mgr := env.signedIn("admin@acme.test"), env.signedIn("manager@acme.test")
	chosen := func(res response) string {
		v, _ := res.doc.Find("#auth_method option[selected]").Attr("value")
		return v
	}
	res := admin.get("/users/new", htmx("sidebar")...)
	note := res.doc.Find("#auth_method-sso-note")
	if chosen(res) != "password" || !strings.Contains(note.Text(), "SSO users cannot sign in until a single sign-on connection is set up") ||
		note.Find(`a[href="`+tp("/settings/sso")+`"]`).Length() != 1 {
		t.Fatalf("no connection: %q\n%s", chosen(res), snippet(res.body))
	}
	res = mgr.get("/users/new", htmx("sidebar")...)
	if res.doc.Find("#auth_method-sso-note").Length() != 1 || res.doc.Find("#auth_method-sso-note a").Length() != 0 {
		t.Fatal("a user manager without tenant.settings gets no note, or a link they cannot follow")
	}
	p := ops.Principal{TenantID: env.tenant.ID, HomeTenantID: env.tenant.ID, AccountID: env.admin.ID}
	c := ssoOps("https://login.acme.test", "acme.test")
	if err := env.h.ops.SaveSSO(ctx, p, c); err != nil {
		t.Fatal(err)
	}
	res = admin.get("/users/new", htmx("sidebar")...)
	if chosen(res) != "sso" || res.doc.Find("#auth_method-sso-note").Length() != 0 {
		t.Fatalf("enabled connection: %q\n%s", chosen(res), snippet(res.body))
	}
	// A refused create keeps what was chosen.
	res = admin.post("/users", url.Values{"login": {""}, "auth_method": {"password"}}, htmx("sidebar")...)
	if chosen(res) != "password" {
		t.Fatalf("re-rendered form chose %q", chosen(res))
	}
	c.Enabled = false
	if err := env.h.ops.SaveSSO(ctx, p, c); err != nil {
		t.Fatal(err)
	}
	res = admin.get("/users/new", htmx("sidebar")...)
	if chosen(res) != "password" || !strings.Contains(res.doc.Find("#auth_method-sso-note").Text(), "disabled") {
		t.Fatalf("disabled connection: %q\n%s", chosen(res), snippet(res.body))
	}
}

// TestSSOSettingsTestWarnings: a provider that announces no PKCE S256 and no
// scopes is reported with a warning; one whose keys cannot be read says so.
func TestSSOSettingsTestWarnings(t *testing.T) {
	t.Parallel()
	env := newSSOSettingsEnv(t)
	var keysDown atomic.Bool
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]any{"issuer": srv.URL, "authorization_endpoint": srv.URL + "/auth",
				"token_endpoint": srv.URL + "/token", "jwks_uri": srv.URL + "/keys", "id_token_signing_alg_values_supported": []string{"RS256"}})
		case "/keys":
			if keysDown.Load() {
				http.Error(w, "keys-body-from-remote", http.StatusInternalServerError)
				return
			}
			_, _ = w.Write([]byte(`{"keys": []}`))
		}
	}))
	t.Cleanup(srv.Close)
	admin := env.signedIn("admin@acme.test")
	admin.get("/settings/sso")
	res := admin.post("/settings/sso/test", ssoForm(srv.URL), htmx("sso-test")...)
	box := res.doc.Find("#sso-test")
	if !strings.Contains(box.Find("#sso-test-pkce").Text(), "Not announced") ||
		!strings.Contains(box.Text(), "does not list the scopes") || !strings.Contains(box.Text(), "0 in the key set") ||
		!strings.Contains(box.Text(), "signing out of the console will not sign out of the provider") {
		t.Fatalf("warnings:\n%s", box.Text())
	}
	keysDown.Store(true)
	res = admin.post("/settings/sso/test", ssoForm(srv.URL), htmx("sso-test")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.doc.Find("#sso-test-error").Text(), "signing keys (JWKS) could not be") || strings.Contains(res.body, "keys-body-from-remote") {
		t.Fatalf("keys down:\n%s", res.body)
	}
}
