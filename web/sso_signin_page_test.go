package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestSSOSignInPageTellsNothingOfAccounts: the page routes on the domain
// only: a known and an unknown address of an SSO domain get the same
// fragment, the same start, and the same refusal of a wrong password.
func TestSSOSignInPageTellsNothingOfAccounts(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")
	env.user("pat@example.com", "standard", "active", "member") // a password account of the SSO domain
	c := env.client()
	known := c.get("/signin/method?email=alice@example.com", htmx("signin-method")...)
	unknown := c.get("/signin/method?email=nobody@example.com", htmx("signin-method")...)
	wantStatus(t, known, http.StatusOK)
	if known.body != unknown.body {
		t.Errorf("the method fragment differs for a known and an unknown address:\n%s\n---\n%s", known.body, unknown.body)
	}
	if b := known.doc.Find("button.primary"); strings.TrimSpace(b.Text()) != "Continue with Acme Login" {
		t.Errorf("primary button %q", b.Text())
	}
	if known.doc.Find("details.signin-password #password").Length() != 1 {
		t.Error("no password field behind “Use a password instead”")
	}
	other := c.get("/signin/method?email=alice@elsewhere.test", htmx("signin-method")...)
	if other.doc.Find("details").Length() != 0 || strings.TrimSpace(other.doc.Find("button.primary").Text()) != "Sign in" ||
		other.doc.Find(`#password[required]`).Length() != 1 {
		t.Errorf("another domain's fragment is not the password form:\n%s", other.body)
	}
	// Asked again for the method shown, nothing is swapped: a password
	// being typed stays where it is.
	for q, want := range map[string]int{"email=pat@elsewhere.test&shown=password": 204, "email=x@example.com&shown=sso:Acme+Login": 204,
		"email=x@example.com&shown=password": 200, "email=pat@elsewhere.test&shown=sso:Acme+Login": 200} {
		if res := c.get("/signin/method?"+q, htmx("signin-method")...); res.StatusCode != want {
			t.Errorf("%s: %d, want %d", q, res.StatusCode, want)
		}
	}
	// Starting: the same answer (a redirect to the provider) for both.
	for _, email := range []string{"alice@example.com", "nobody@example.com"} {
		if to := providerURL(t, ssoBegin(c, url.Values{"email": {email}})); !strings.HasPrefix(to, idp.URL+"/authorize?") {
			t.Errorf("%s sent to %q", email, to)
		}
	}
	// A wrong password: the same page for both, modulo the CSRF token.
	var pages []string
	for _, email := range []string{"alice@example.com", "nobody@example.com"} {
		res := ssoBegin(c, url.Values{"email": {email}, "password": {"wrong password"}})
		wantStatus(t, res, http.StatusUnauthorized)
		pages = append(pages, csrfRE.ReplaceAllString(strings.ReplaceAll(res.body, email, "EMAIL"), ""))
	}
	if pages[0] != pages[1] {
		t.Errorf("a wrong password answers differently for a known and an unknown address")
	}
	// A password account of the domain still signs in with its password.
	res, msg := c.signIn("pat@example.com", testPassword, "")
	if res.StatusCode != http.StatusSeeOther || msg != "" {
		t.Errorf("password account of an SSO domain: %d %q", res.StatusCode, msg)
	}
	// Its sign-out offers no provider's sign-out: it never went there.
	if out := c.post("/signout", nil); out.Header.Get("Location") != "/signin" {
		t.Errorf("password sign-out sent to %q, want /signin", out.Header.Get("Location"))
	}
}

// TestSSOSignInPageWithoutJavaScript: the plain form offers both ways; the
// SSO button with an address of no SSO domain, or with none, says so; an
// htmx start is answered with HX-Redirect; starts are rate-limited per IP.
func TestSSOSignInPageWithoutJavaScript(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	c := env.client()
	page := c.get("/signin")
	if page.doc.Find(`#email[hx-get="/signin/method"]`).Length() != 1 || page.doc.Find("#password").Length() != 1 ||
		strings.TrimSpace(page.doc.Find(`button[name="sso"][value="email"]`).Text()) != "Sign in with single sign-on" {
		t.Fatalf("sign-in page lacks the address's method, the password or the SSO button:\n%s", snippet(page.body))
	}
	res := c.post("/signin", url.Values{"email": {"bob@unknown.test"}, "sso": {"email"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := strings.TrimSpace(res.doc.Find("#signin-error").Text()); msg != "No single sign-on is set up for this address’s domain; sign in with your password." {
		t.Errorf("unknown domain: %q", msg)
	}
	if v, _ := res.doc.Find("#email").Attr("value"); v != "bob@unknown.test" {
		t.Errorf("the address typed is lost: %q", v)
	}
	res = c.post("/signin", url.Values{"email": {""}, "sso": {"email"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	// The SSO button wins over a password typed by habit.
	providerURL(t, c.post("/signin", url.Values{"email": {"alice@example.com"}, "password": {"x"}, "sso": {"email"}}))
	// A tenant without a connection has no tenant button, and refuses its press.
	if c.get("/signin?tenant=acme").doc.Find(`button[value="tenant"]`).Length() != 1 {
		t.Error("Acme's link offers no “Sign in with Acme Login”")
	}
	env.newTenant("Initech", "initech")
	if c.get("/signin?tenant=initech").doc.Find(`button[value="tenant"]`).Length() != 0 {
		t.Error("a tenant with no connection offers single sign-on")
	}
	wantStatus(t, c.post("/signin", url.Values{"tenant": {"initech"}, "sso": {"tenant"}}), http.StatusUnprocessableEntity)
	// htmx: HX-Redirect to the provider, never a 302 htmx would follow itself.
	res = c.post("/signin", url.Values{"email": {"alice@example.com"}}, "HX-Request", "true")
	if res.StatusCode != http.StatusNoContent || !strings.HasPrefix(res.Header.Get("HX-Redirect"), idp.URL+"/authorize?") {
		t.Errorf("htmx start: %d, HX-Redirect %q", res.StatusCode, res.Header.Get("HX-Redirect"))
	}
	// Per IP: past the limit, starts are refused (429) and audited.
	for range 70 {
		res = c.post("/signin", url.Values{"email": {"alice@example.com"}})
		if res.StatusCode == http.StatusTooManyRequests {
			break
		}
	}
	wantStatus(t, res, http.StatusTooManyRequests)
	if res.Header.Get("Retry-After") == "" || auditCount(t, env, string(store.ActionSignInThrottled)) == 0 {
		t.Errorf("throttled start: Retry-After %q", res.Header.Get("Retry-After"))
	}
}

// TestSSOProviderDownAtStart: a provider whose discovery fails is a clear
// 502 page in the visitor's language, never a 500.
func TestSSOProviderDownAtStart(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	idp.Down(true)
	for lang, want := range map[string]string{"en": "Acme Login could not be reached", "fr": "Acme Login est injoignable"} {
		c := env.client()
		c.lang = lang
		res := ssoBegin(c, url.Values{"email": {"alice@example.com"}})
		wantStatus(t, res, http.StatusBadGateway)
		if !strings.Contains(pageText(res), want) {
			t.Errorf("%s: page says %q", lang, pageText(res))
		}
		wantSignedOut(t, c)
	}
	if tenant, d := lastFailure(t, env); tenant != env.tenant.ID || d["reason"] != "idp_unreachable" {
		t.Errorf("audited in %d: %v", tenant, d)
	}
}

// TestSSORefusalInFrench: the refusal pages speak the visitor's language.
func TestSSORefusalInFrench(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	c := env.client()
	c.lang = "fr"
	res := ssoDance(c, idp, "alice@example.com")
	wantStatus(t, res, http.StatusForbidden)
	text := pageText(res)
	if !strings.Contains(text, "vous n’avez pas de compte Console") || !strings.Contains(text, "Retour à la connexion") {
		t.Errorf("French refusal says %q", text)
	}
}
