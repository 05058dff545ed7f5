package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/sso/ssotest"
	"github.com/console-dev/console/store"
)

// TestSSOStateIsSingleUseAndThisBrowsers: the state of a callback is good
// once, in the browser that started the sign-in; a stolen or replayed
// callback URL, another browser's, an unknown state and a provider's
// error sign nobody in.
func TestSSOStateIsSingleUseAndThisBrowsers(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")

	t.Run("replayed", func(t *testing.T) {
		c := env.client()
		callback := atProvider(c, ssoBegin(c, url.Values{"email": {"alice@example.com"}}), idp)
		wantStatus(t, c.get(callback), http.StatusSeeOther)
		// The same callback again, in the browser now signed in and in a fresh one.
		for _, who := range []*client{c, env.client()} {
			res := who.get(callback)
			wantStatus(t, res, http.StatusBadRequest)
			if !strings.Contains(pageText(res), "expired or was already used") {
				t.Errorf("replay page says %q", pageText(res))
			}
			if tenant, d := lastFailure(t, env); tenant != 0 || d["reason"] != "bad_state" || d["method"] != "sso" {
				t.Errorf("replay audited in tenant %d as %v, want no tenant and reason bad_state", tenant, d)
			}
		}
	})

	t.Run("another browser", func(t *testing.T) {
		victim, attacker := env.client(), env.client()
		callback := atProvider(attacker, ssoBegin(attacker, url.Values{"email": {"alice@example.com"}}), idp)
		res := victim.get(callback) // login CSRF: the attacker's sign-in planted in the victim's browser
		wantStatus(t, res, http.StatusForbidden)
		if !strings.Contains(pageText(res), "started in another browser") {
			t.Errorf("page says %q", pageText(res))
		}
		wantSignedOut(t, victim)
		if tenant, d := lastFailure(t, env); tenant != env.tenant.ID || d["reason"] != "other_browser" {
			t.Errorf("audited in tenant %d as %v, want reason other_browser", tenant, d)
		}
		// The attempt is used up by the refused try: its own browser starts again.
		wantStatus(t, attacker.get(callback), http.StatusBadRequest)
		wantSignedOut(t, attacker)
	})

	t.Run("unknown or missing state", func(t *testing.T) {
		c := env.client()
		for _, q := range []string{"?state=made-up&code=x", "?code=x", ""} {
			res := c.get("/sso/callback" + q)
			wantStatus(t, res, http.StatusBadRequest)
			if !strings.Contains(pageText(res), "expired or was already used") {
				t.Errorf("%s: page says %q", q, pageText(res))
			}
		}
		wantSignedOut(t, c)
	})

	t.Run("provider says access denied", func(t *testing.T) {
		c := env.client()
		start := ssoBegin(c, url.Values{"email": {"alice@example.com"}})
		at, _ := url.Parse(providerURL(t, start))
		state := at.Query().Get("state")
		res := c.get("/sso/callback?" + url.Values{"state": {state}, "error": {"access_denied"}, "error_description": {"<b>no</b>"}}.Encode())
		wantStatus(t, res, http.StatusForbidden)
		if !strings.Contains(pageText(res), "Acme Login did not sign you in") || strings.Contains(res.body, "<b>no</b>") {
			t.Errorf("page says %q", pageText(res))
		}
		wantSignedOut(t, c)
		if _, d := lastFailure(t, env); d["reason"] != "idp_denied" {
			t.Errorf("audited %v, want reason idp_denied", d)
		}
		// Any other error is the provider's fault: 502.
		start = ssoBegin(c, url.Values{"email": {"alice@example.com"}})
		at, _ = url.Parse(providerURL(t, start))
		res = c.get("/sso/callback?" + url.Values{"state": {at.Query().Get("state")}, "error": {"server_error"}}.Encode())
		wantStatus(t, res, http.StatusBadGateway)
	})
}

// TestSSOIdentityRules: once bound, only (issuer, subject) counts; another
// identity claiming a bound account's address is refused; a subject bound in
// another tenant signs in nobody here; with creation on, a new address of
// the domain gets an account with the tenant's default roles.
func TestSSOIdentityRules(t *testing.T) {
	t.Parallel()
	t.Run("second identity with a bound address", func(t *testing.T) {
		t.Parallel()
		env, idp := newSSOEnv(t)
		env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")
		wantStatus(t, ssoDance(env.client(), idp, "alice@example.com"), http.StatusSeeOther)
		idp.SetUser(ssotest.User{Subject: "impostor", Email: "alice@example.com", EmailVerified: true})
		c := env.client()
		res := ssoDance(c, idp, "alice@example.com")
		wantStatus(t, res, http.StatusForbidden)
		if !strings.Contains(pageText(res), "linked to another identity") {
			t.Errorf("page says %q", pageText(res))
		}
		wantSignedOut(t, c)
		if _, d := lastFailure(t, env); d["reason"] != "bound_elsewhere" || d["subject"] != "impostor" {
			t.Errorf("audited %v, want reason bound_elsewhere for subject impostor", d)
		}
	})

	t.Run("subject of another tenant", func(t *testing.T) {
		t.Parallel()
		env, idp := newSSOEnv(t)
		globex, _ := env.newTenant("Globex", "globex")
		gadmin := env.userIn(globex.ID, nil, "admin@globex.test", "admin", "active")
		env.connectSSO(globex.ID, gadmin.ID, idp.URL, idp.ClientID, idp.ClientSecret, "Globex ID", []string{"globex.test"})
		gal := env.ssoAccount(globex.ID, "user", "alice@globex.test", "active")
		idp.SetUser(ssotest.User{Subject: "alice", Email: "alice@globex.test", EmailVerified: true})
		// Globex's own link: "Sign in with Globex ID", no address needed.
		g := env.client()
		page := g.get("/signin?tenant=globex")
		if b := page.doc.Find(`button[name="sso"][value="tenant"]`); strings.TrimSpace(b.Text()) != "Sign in with Globex ID" {
			t.Fatalf("tenant link offers %q", b.Text())
		}
		res := g.post("/signin", url.Values{"tenant": {"globex"}, "sso": {"tenant"}})
		wantStatus(t, g.get(atProvider(g, res, idp)), http.StatusSeeOther)
		if idp.LastAuthorize.Has("login_hint") {
			t.Errorf("a sign-in with no address sent login_hint %q", idp.LastAuthorize.Get("login_hint"))
		}
		if a, _ := env.st.Account(context.Background(), globex.ID, gal.ID); a.SSOSubject != "alice" {
			t.Fatalf("globex's alice bound to %q", a.SSOSubject)
		}
		// The same subject at Acme's connection (same provider) is nobody at Acme.
		idp.SetUser(ssotest.User{Subject: "alice", Email: "bob@example.com", EmailVerified: true})
		c := env.client()
		res = ssoDance(c, idp, "bob@example.com")
		wantStatus(t, res, http.StatusForbidden)
		wantSignedOut(t, c)
		if tenant, d := lastFailure(t, env); tenant != env.tenant.ID || d["reason"] != "no_account" {
			t.Errorf("audited in %d: %v, want Acme's no_account", tenant, d)
		}
	})

	t.Run("created at first sign-in", func(t *testing.T) {
		t.Parallel()
		env, idp := newSSOEnv(t, func(f *form.SSO) { f.CreateAccounts = true })
		set := store.Settings{InviteDays: 7, DefaultRoleIDs: []int64{env.roles["member"]}}
		if err := env.st.UpdateSettings(context.Background(), actorFor(env), set); err != nil {
			t.Fatal(err)
		}
		c := env.client()
		back := ssoDance(c, idp, "alice@example.com")
		wantStatus(t, back, http.StatusSeeOther)
		if h := c.get("/"); h.StatusCode != http.StatusOK && (h.StatusCode != http.StatusSeeOther || strings.Contains(h.Header.Get("Location"), "/signin")) {
			t.Fatalf("home: %d %s after %s", h.StatusCode, h.Header.Get("Location"), back.Header.Get("Location"))
		}
		acct, err := env.st.SignInCandidates(context.Background(), "alice@example.com")
		if err != nil || len(acct) != 1 {
			t.Fatalf("accounts of alice: %v, %v", acct, err)
		}
		a := acct[0]
		if a.TenantID != env.tenant.ID || a.AuthMethod != "sso" || a.Status != "active" || a.SSOSubject != "alice" || a.FirstName != "Alice" {
			t.Errorf("created %+v", a)
		}
		st, _ := env.st.Settings(context.Background(), env.tenant.ID)
		if got := env.directRoles(a.ID); len(st.DefaultRoleIDs) == 0 || !sameIDs(got, st.DefaultRoleIDs) {
			t.Errorf("created with roles %v, want the tenant's defaults %v", got, st.DefaultRoleIDs)
		}
		if n := auditCount(t, env, string(store.ActionUserSSOJoin)); n != 1 {
			t.Errorf("%d user.sso.create events, want 1", n)
		}
	})
}

func sameIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}

// csrfRE finds the CSRF token wherever a page carries it.
var csrfRE = regexp.MustCompile(`(name="_csrf" value="|name="csrf-token" content=")[^"]*"`)
