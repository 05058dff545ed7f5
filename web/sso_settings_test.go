package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

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
