package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/sso/ssotest"
	"github.com/console-dev/console/store"
)

// TestSSOSignInHappyPath: an address of example.com with no password goes to
// Acme's provider (login_hint, PKCE, nonce), comes back signed in to its
// pre-created SSO account, bound to the provider's identity, with the same
// kind of session as a password sign-in and the success audited as SSO.
func TestSSOSignInHappyPath(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	alice := env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")
	c := env.client()
	start := ssoBegin(c, url.Values{"email": {"Alice@Example.com"}, "next": {"/account"}})
	back := c.get(atProvider(c, start, idp))
	q := idp.LastAuthorize
	if q.Get("login_hint") != "alice@example.com" || q.Get("code_challenge_method") != "S256" || len(q.Get("state")) < 22 ||
		q.Get("nonce") == "" || q.Get("redirect_uri") != env.srv.URL+"/sso/callback" {
		t.Errorf("authorization request = %v", q)
	}
	wantStatus(t, back, http.StatusSeeOther)
	if loc := back.Header.Get("Location"); loc != "/account" {
		t.Errorf("after the callback landed on %q, want /account (next)", loc)
	}
	home := c.get("/")
	wantStatus(t, home, http.StatusOK)
	if !strings.Contains(home.body, "alice") {
		t.Errorf("home does not greet alice:\n%s", snippet(home.body))
	}
	a, err := env.st.Account(context.Background(), env.tenant.ID, alice.ID)
	if err != nil || a.SSOIssuer != idp.URL || a.SSOSubject != "alice" {
		t.Errorf("alice bound to (%q, %q), %v; want (%q, alice)", a.SSOIssuer, a.SSOSubject, err, idp.URL)
	}
	ev, err := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: string(store.ActionSignInSuccess)})
	if err != nil || len(ev) != 1 || ev[0].TargetID != alice.ID || ev[0].Details["method"] != "sso" {
		t.Errorf("signin.success events = %+v, %v; want one for alice with method sso", ev, err)
	}
	// The session is the server's: signing out ends it, then offers the
	// provider's own sign-out.
	out := c.post("/signout", nil)
	wantStatus(t, out, http.StatusSeeOther)
	if loc := out.Header.Get("Location"); loc != "/signin?signed_out=acme" {
		t.Fatalf("sign-out sent to %q", loc)
	}
	page := c.get("/signin?signed_out=acme")
	link, _ := page.doc.Find("a.sso-end").Attr("href")
	want := idp.URL + "/logout?" + url.Values{"client_id": {"console"}, "post_logout_redirect_uri": {env.srv.URL + "/signin"}}.Encode()
	if link != want || !strings.Contains(pageText(page), "You are signed out of Console. Also sign out of Acme Login") {
		t.Errorf("signed-out page: link %q, want %q; text %q", link, want, pageText(page))
	}
	wantSignedOut(t, c)
	// Bound now: the next sign-in finds alice by (issuer, subject) alone,
	// even after the provider changed her address.
	idp.SetUser(ssotest.User{Subject: "alice", Email: "alice.martin@example.com", EmailVerified: true})
	c2 := env.client()
	wantStatus(t, ssoDance(c2, idp, "alice@example.com"), http.StatusSeeOther)
	wantStatus(t, c2.get("/"), http.StatusOK)
}

// TestSSOSignInRefusals: every way a callback can be wrong signs nobody in,
// says why in a page with the way back, and is audited with its reason.
func TestSSOSignInRefusals(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		setup  func(env *testEnv, idp *ssotest.Provider)
		conf   func(*form.SSO)
		status int
		text   string
		reason string
		after  bool // setup runs between the provider's answer and the callback
	}{
		{name: "wrong issuer", setup: func(_ *testEnv, idp *ssotest.Provider) {
			idp.Tweak(func(c map[string]any) { c["iss"] = "https://evil.example" })
		}, status: 403, text: "could not be verified", reason: "bad_token"},
		{name: "wrong audience", setup: func(_ *testEnv, idp *ssotest.Provider) {
			idp.Tweak(func(c map[string]any) { c["aud"] = "someone-else" })
		}, status: 403, text: "could not be verified", reason: "bad_token"},
		{name: "expired token", setup: func(_ *testEnv, idp *ssotest.Provider) {
			idp.Tweak(func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() })
		}, status: 403, text: "could not be verified", reason: "token_expired"},
		{name: "bad signature", setup: func(_ *testEnv, idp *ssotest.Provider) { idp.SignWithOtherKey(true) },
			status: 403, text: "could not be verified", reason: "bad_token"},
		{name: "missing nonce", setup: func(_ *testEnv, idp *ssotest.Provider) {
			idp.Tweak(func(c map[string]any) { delete(c, "nonce") })
		}, status: 403, text: "could not be verified", reason: "bad_nonce"},
		{name: "wrong nonce", setup: func(_ *testEnv, idp *ssotest.Provider) {
			idp.Tweak(func(c map[string]any) { c["nonce"] = "another" })
		}, status: 403, text: "could not be verified", reason: "bad_nonce"},
		{name: "email not verified", setup: func(_ *testEnv, idp *ssotest.Provider) {
			idp.SetUser(ssotest.User{Subject: "alice", Email: "alice@example.com"})
		}, status: 403, text: "has not verified your email address", reason: "email_unverified"},
		{name: "pending account", setup: func(env *testEnv, _ *ssotest.Provider) {
			env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "pending")
		}, status: 403, text: "not active yet", reason: "pending"},
		{name: "deactivated account", setup: func(env *testEnv, _ *ssotest.Provider) {
			env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "deactivated")
		}, status: 403, text: "is deactivated", reason: "deactivated"},
		{name: "service account", setup: func(env *testEnv, _ *ssotest.Provider) {
			env.ssoAccount(env.tenant.ID, "service", "alice@example.com", "active")
		}, status: 403, text: "service account cannot sign in", reason: "service_account"},
		{name: "password account", setup: func(env *testEnv, _ *ssotest.Provider) {
			env.user("alice@example.com", "standard", "active", "member")
		}, status: 403, text: "signs in with a password", reason: "password_account"},
		{name: "no account, creation off", status: 403, text: "you have no Console account", reason: "no_account"},
		{name: "address of another domain", setup: func(_ *testEnv, idp *ssotest.Provider) {
			idp.SetUser(ssotest.User{Subject: "mallory", Email: "mallory@elsewhere.test", EmailVerified: true})
		}, conf: func(f *form.SSO) { f.CreateAccounts = true }, status: 403, text: "not of a domain", reason: "domain_not_configured"},
		{name: "provider down at the callback", setup: func(_ *testEnv, idp *ssotest.Provider) { idp.Down(true) },
			status: 502, text: "could not be reached", reason: "idp_unreachable", after: true},
		{name: "connection disabled meanwhile", setup: func(env *testEnv, idp *ssotest.Provider) {
			env.connectSSO(env.tenant.ID, env.admin.ID, idp.URL, idp.ClientID, idp.ClientSecret, "Acme Login", []string{"example.com"},
				func(f *form.SSO) { f.Enabled = false })
		}, status: 403, text: "turned off for this organisation", reason: "connection_disabled", after: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, idp := newSSOEnv(t, func(f *form.SSO) {
				if tc.conf != nil {
					tc.conf(f)
				}
			})
			c := env.client()
			if tc.setup != nil && !tc.after {
				tc.setup(env, idp)
			}
			callback := atProvider(c, ssoBegin(c, url.Values{"email": {"alice@example.com"}}), idp)
			if tc.setup != nil && tc.after {
				tc.setup(env, idp)
			}
			res := c.get(callback)
			wantStatus(t, res, tc.status)
			text := pageText(res)
			if !strings.Contains(text, tc.text) || !strings.Contains(text, "Back to sign-in") {
				t.Errorf("refusal page says %q, want %q and the way back", text, tc.text)
			}
			if href, _ := res.doc.Find(`a:contains("Back to sign-in")`).Attr("href"); href != "/signin" {
				t.Errorf("way back links %q", href)
			}
			wantSignedOut(t, c)
			tenant, details := lastFailure(t, env)
			if tenant != env.tenant.ID || details["method"] != "sso" || details["reason"] != tc.reason {
				t.Errorf("audited failure in tenant %d with %v, want tenant %d, method sso, reason %s", tenant, details, env.tenant.ID, tc.reason)
			}
			for k, v := range details {
				if s, ok := v.(string); ok && (strings.Contains(s, "eyJ") || k == "code" || k == "id_token") {
					t.Errorf("audit details carry a token or code: %s=%v", k, v)
				}
			}
		})
	}
}
