package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/console-dev/console/sso/ssotest"
	"github.com/console-dev/console/store"
)

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
