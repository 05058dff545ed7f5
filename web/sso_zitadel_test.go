package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// TestSSOWithZitadelProvider: a real OpenID provider (zitadel's example
// provider: discovery, its login page, code flow with PKCE, signed ID
// tokens, claims on userinfo) signs a pre-created SSO account in.
func TestSSOWithZitadelProvider(t *testing.T) {
	t.Parallel()
	env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
	issuer := startZitadel(t, env.srv.URL+"/sso/callback")
	env.connectSSO(env.tenant.ID, env.admin.ID, issuer, "web", "secret", "ZITADEL", []string{"zitadel.ch"})
	acct := env.ssoAccount(env.tenant.ID, "user", zitadelEmail, "active")

	c := env.client()
	start := ssoBegin(c, url.Values{"email": {zitadelEmail}, "next": {"/account"}})

	back := zitadelLogin(c, start, zitadelUser, zitadelPassword)
	res := c.get(back)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/account" {
		t.Errorf("landed on %q, want /account", loc)
	}
	page := c.get("/account")
	wantStatus(t, page, http.StatusOK)
	if !strings.Contains(page.body, zitadelEmail) {
		t.Errorf("the account page is not test-user's:\n%s", snippet(page.body))
	}
	a, err := env.st.Account(context.Background(), env.tenant.ID, acct.ID)
	if err != nil || a.SSOIssuer != strings.TrimSuffix(issuer, "/")+"/" || a.SSOSubject != "id1" {
		t.Errorf("bound to (%q, %q), %v; want (%q, id1)", a.SSOIssuer, a.SSOSubject, err, issuer)
	}
	if n := auditCount(t, env, string(store.ActionSignInSuccess)); n != 1 {
		t.Errorf("%d sign-ins audited, want 1", n)
	}
	// Sign-out offers the provider's end-session endpoint.
	out := c.post("/signout", nil)
	signedOut := c.get(out.Header.Get("Location"))
	if href, _ := signedOut.doc.Find("a.sso-end").Attr("href"); !strings.HasPrefix(href, issuer+"end_session?") {
		t.Errorf("signed-out page offers %q", href)
	}
	wantSignedOut(t, c)
}

// TestSSOWithZitadelCreatesAccount: with creation at first sign-in, the
// provider's verified address gets an account.
func TestSSOWithZitadelCreatesAccount(t *testing.T) {
	t.Parallel()
	env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
	issuer := startZitadel(t, env.srv.URL+"/sso/callback")
	env.connectSSO(env.tenant.ID, env.admin.ID, issuer, "web", "secret", "ZITADEL", []string{"zitadel.ch"},
		func(f *form.SSO) { f.CreateAccounts = true })
	c := env.client()
	res := c.get(zitadelLogin(c, ssoBegin(c, url.Values{"email": {zitadelEmail}}), zitadelUser, zitadelPassword))
	wantStatus(t, res, http.StatusSeeOther)
	got, err := env.st.SignInCandidates(context.Background(), zitadelEmail)
	if err != nil || len(got) != 1 || got[0].AuthMethod != "sso" || got[0].FirstName != "Test" || got[0].LastName != "User" {
		t.Fatalf("created %+v, %v", got, err)
	}
}
