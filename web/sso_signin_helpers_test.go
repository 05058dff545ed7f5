package web

import (
	"context"
	"encoding/json"
	"github.com/console-dev/console/internal/testdb"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/sso/ssotest"
	"github.com/console-dev/console/store"
)

// The single sign-on tests' world: the env's tenant Acme signs in the
// domain example.com through a provider under the test's control.

// newSSOEnv is an env that may speak plain HTTP to providers, with Acme's
// connection to a fresh provider ("Acme Login", domain example.com).
func newSSOEnv(t *testing.T, configure ...func(*form.SSO)) (*testEnv, *ssotest.Provider) {
	t.Helper()
	env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
	idp := ssotest.Start(t)
	env.connectSSO(env.tenant.ID, env.admin.ID, idp.URL, idp.ClientID, idp.ClientSecret, "Acme Login", []string{"example.com"}, configure...)
	return env, idp
}

// connectSSO saves a tenant's connection through the operations, as its
// settings page would (adminID: an admin of that tenant).
func (e *testEnv) connectSSO(tenantID, adminID int64, issuer, clientID, secret, name string, domains []string, configure ...func(*form.SSO)) {
	e.t.Helper()
	f := form.SSO{DisplayName: name, Issuer: issuer, ClientID: clientID, Secret: &secret,
		Scopes: []string{"openid", "email", "profile"}, Claim: "email", Domains: domains, Enabled: true}
	for _, fn := range configure {
		fn(&f)
	}
	p := ops.Principal{TenantID: tenantID, HomeTenantID: tenantID, AccountID: adminID, IP: "test"}
	if err := e.h.ops.SaveSSO(context.Background(), p, f); err != nil {
		e.t.Fatalf("save sso connection: %v", err)
	}
}

// ssoAccount creates an SSO account (no password, the browser's language) in a tenant.
func (e *testEnv) ssoAccount(tenantID int64, kind, email, status string) store.Account {
	e.t.Helper()
	local, _, _ := strings.Cut(email, "@")
	a, err := e.st.CreateAccount(context.Background(), store.Actor{TenantID: tenantID}, store.NewAccount{Kind: kind,
		Profile: store.Profile{FirstName: local, LastName: "Sso", Email: email, Language: "browser", TimeZone: "UTC", Currency: "USD",
			UserType: "standard"}, Login: local, Status: status, AuthMethod: "sso"})
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// ssoBegin posts the sign-in form as a browser does and returns the
// console's answer (the page taking the browser to the provider when
// single sign-on starts).
func ssoBegin(c *client, form url.Values) response {
	c.t.Helper()
	c.get("/signin")
	return c.post("/signin", form)
}

// providerURL is where the console's answer to a sign-in takes the
// browser: the provider, by a meta refresh and a link that agree.
func providerURL(t *testing.T, res response) string {
	t.Helper()
	wantStatus(t, res, http.StatusOK)
	link, _ := res.doc.Find("a#sso-continue").Attr("href")
	refresh, _ := res.doc.Find(`meta[http-equiv="refresh"]`).Attr("content")
	if link == "" || refresh != "0;url="+link {
		t.Fatalf("the answer does not move on to the provider: link %q, refresh %q\n%s", link, refresh, snippet(res.body))
	}
	return link
}

// atProvider follows the console's redirect to the provider, which signs
// the current user in at once, and returns the callback path it sends the
// browser back to.
func atProvider(c *client, res response, idp *ssotest.Provider) string {
	c.t.Helper()
	loc := providerURL(c.t, res)
	if !strings.HasPrefix(loc, idp.URL+"/authorize?") {
		c.t.Fatalf("sign-in sent the browser to %q, want the provider's authorization endpoint", loc)
	}
	back, err := c.http.Get(loc)
	if err != nil {
		c.t.Fatal(err)
	}
	back.Body.Close()
	u, err := url.Parse(back.Header.Get("Location"))
	if err != nil || back.StatusCode != http.StatusFound || u.Path != "/sso/callback" || c.base != u.Scheme+"://"+u.Host {
		c.t.Fatalf("provider answered %d to %q", back.StatusCode, back.Header.Get("Location"))
	}
	return u.RequestURI()
}

// ssoDance signs in through the provider with email (no password) and
// returns the callback's answer.
func ssoDance(c *client, idp *ssotest.Provider, email string) response {
	c.t.Helper()
	return c.get(atProvider(c, ssoBegin(c, url.Values{"email": {email}}), idp))
}

// wantSignedOut checks that the client holds no session: home sends it to sign in.
func wantSignedOut(t *testing.T, c *client) {
	t.Helper()
	if ck := c.sessionCookie(); ck != "" {
		t.Errorf("the browser holds a session cookie %q", ck)
	}
	if res := c.get("/"); res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "/signin") {
		t.Errorf("home answered %d (%s), want a redirect to sign in", res.StatusCode, res.Header.Get("Location"))
	}
}

// lastFailure is the newest signin.failure event in any tenant (failures
// before a tenant is known have none): its tenant and details.
func lastFailure(t *testing.T, env *testEnv) (int64, map[string]any) {
	t.Helper()
	db := testdb.Open(t, env.dbPath)
	var tenant int64
	var details string
	err := db.QueryRow(`SELECT COALESCE(tenant_id, 0), details FROM audit_events WHERE action = 'signin.failure' ORDER BY id DESC LIMIT 1`).
		Scan(&tenant, &details)
	if err != nil {
		t.Fatalf("no signin.failure audited: %v", err)
	}
	m := map[string]any{}
	if err := json.Unmarshal([]byte(details), &m); err != nil {
		t.Fatal(err)
	}
	return tenant, m
}

// pageText is a page's visible text with spaces collapsed.
func pageText(res response) string {
	return strings.Join(strings.Fields(res.doc.Find("body").Text()), " ")
}
