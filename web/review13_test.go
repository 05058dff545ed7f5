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
	"github.com/console-dev/console/sso/ssotest"
	"github.com/console-dev/console/store"
)

// Security review of issue 13 (single sign-on). Each test fails while the
// problem it names is there.

// signedInAs reports whether an audited sign-in success names account id.
func signedInAs(t *testing.T, env *testEnv, tenantID, id int64) bool {
	t.Helper()
	ev, err := env.st.AuditEvents(context.Background(), tenantID, store.AuditFilter{Action: string(store.ActionSignInSuccess)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ev {
		if e.TargetID == id {
			return true
		}
	}
	return false
}

// TestReview13_SettingsHolderBecomesAdmin: someone who holds tenant.settings
// but may not act for an Admin (here: every permission but users.manage, a
// Standard user) points the tenant's connection at a provider they run and
// has it vouch for the address of the tenant's SSO Admin, who has not signed
// in yet. The console binds the Admin's account to the attacker's identity
// and signs the attacker in as the Admin: the act-for rule ("only an Admin
// acts for an Admin", links included) is bypassed through the settings.
func TestReview13_SettingsHolderBecomesAdmin(t *testing.T) {
	t.Parallel()
	env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
	ctx := context.Background()
	boss := env.ssoPerson(env.tenant.ID, env.roles, "boss@example.com", "admin", "") // pre-created, not bound yet
	clerk := env.user("clerk@acme.test", "standard", "active")
	if err := env.st.SetRoles(ctx, store.Actor{TenantID: env.tenant.ID}, clerk.ID,
		[]int64{env.roleWithAllBut(env.tenant.ID, auth.UsersManage)}); err != nil {
		t.Fatal(err)
	}
	evil := ssotest.Start(t) // the clerk's own provider
	secret := evil.ClientSecret
	err := env.h.ops.SaveSSO(ctx, ops.Principal{TenantID: env.tenant.ID, HomeTenantID: env.tenant.ID, AccountID: clerk.ID, IP: "test"},
		form.SSO{DisplayName: "Acme Login", Issuer: evil.URL, ClientID: evil.ClientID, Secret: &secret, Claim: "email",
			Domains: []string{"example.com"}, Enabled: true})
	if err != nil {
		return // refused: the clerk cannot make a provider that speaks for an Admin
	}
	evil.SetUser(ssotest.User{Subject: "mallory", Email: "boss@example.com", EmailVerified: true})
	c := env.client()
	ssoDance(c, evil, "boss@example.com")
	if env.boundSubject(env.tenant.ID, boss.ID) == "mallory" || signedInAs(t, env, env.tenant.ID, boss.ID) {
		t.Fatal("a Standard user without users.manage configured a provider of their own and signed in as the tenant's Admin " +
			"(the Admin's account is now bound to the attacker's subject)")
	}
}

// TestReview13_NonEmailClaimIsUnverified: with the naming claim set to
// something other than "email" (the settings page offers any claim, e.g.
// preferred_username or upn for Entra ID), the value is matched to the
// accounts' emails with no verification at all: a provider user who sets
// their own preferred_username to a colleague's address ("nOAuth") binds
// and signs in the colleague's pre-created SSO account, although the
// provider says its email is unverified and another address.
func TestReview13_NonEmailClaimIsUnverified(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t, func(f *form.SSO) { f.Claim = "preferred_username" })
	boss := env.ssoPerson(env.tenant.ID, env.roles, "boss@example.com", "admin", "")
	idp.SetUser(ssotest.User{Subject: "mallory", Email: "mallory@freemail.test", EmailVerified: false})
	idp.Tweak(func(claims map[string]any) { claims["preferred_username"] = "boss@example.com" }) // user-editable at the provider
	c := env.client()
	res := ssoDance(c, idp, "boss@example.com")
	if env.boundSubject(env.tenant.ID, boss.ID) == "mallory" || signedInAs(t, env, env.tenant.ID, boss.ID) {
		t.Fatalf("an unverified preferred_username took over the Admin's account (callback %d)", res.StatusCode)
	}
}

// TestReview13_DomainSquatting: any tenant claims any email domain, first
// come first served, with no proof that it owns it. Another root tenant
// claims acme.test, the domain of Acme's own people: from then on the
// sign-in page sends Acme's people (here Acme's Admin, typing only the
// address, as the page invites once the password field hides) to the
// attacker's provider, with their address as login_hint — a phishing page
// the console itself links to — and Acme can no longer claim its domain.
func TestReview13_DomainSquatting(t *testing.T) {
	t.Parallel()
	env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
	evilT, evilRoles := env.newTenant("Evil", "evil")
	evilAdmin := env.userIn(evilT.ID, evilRoles, "root@evil.test", "admin", "active")
	evil := ssotest.Start(t)
	secret := evil.ClientSecret
	err := env.h.ops.SaveSSO(context.Background(), ops.Principal{TenantID: evilT.ID, HomeTenantID: evilT.ID, AccountID: evilAdmin.ID, IP: "test"},
		form.SSO{DisplayName: "Acme Login", Issuer: evil.URL, ClientID: evil.ClientID, Secret: &secret, Claim: "email",
			Domains: []string{"acme.test"}, Enabled: true})
	if err != nil {
		return // refused: a domain whose people belong elsewhere (or unproven) is not claimed
	}
	m := env.client().get("/signin/method?" + url.Values{"email": {"admin@acme.test"}}.Encode())
	if strings.Contains(m.body, "Acme Login") {
		t.Errorf("the sign-in page offers Evil's provider for Acme's Admin:\n%s", snippet(m.body))
	}
	c := env.client()
	res := ssoBegin(c, url.Values{"email": {"admin@acme.test"}})
	if link, _ := res.doc.Find("a#sso-continue").Attr("href"); strings.HasPrefix(link, evil.URL) {
		t.Fatalf("Acme's Admin was sent to another tenant's provider: %s", link)
	}
}

// TestReview13_IssuerChangeLocksOutManagers: the last-manager rule looks
// only at "enabled". When the only managers are SSO Admins bound to the
// provider, changing the issuer (a provider migration, or a typo) leaves
// them unable to sign in (their address now meets "linked to another
// identity"), and narrowing the domains away from an Admin not bound yet
// does the same; both are saved. Nobody can manage users afterwards.
func TestReview13_IssuerChangeLocksOutManagers(t *testing.T) {
	t.Parallel()
	t.Run("issuer changed", func(t *testing.T) {
		t.Parallel()
		env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
		ctx := context.Background()
		solo, roles := env.newTenant("Solo", "solo")
		boss := env.ssoPerson(solo.ID, roles, "boss@solo.test", "admin", "boss-sub") // bound to boundIssuer
		p := ops.Principal{TenantID: solo.ID, HomeTenantID: solo.ID, AccountID: boss.ID, IP: "test"}
		if err := env.h.ops.SaveSSO(ctx, p, ssoOps(boundIssuer, "solo.test")); err != nil {
			t.Fatal(err)
		}
		newIdP := ssotest.Start(t)
		err := env.h.ops.SaveSSO(ctx, p, ssoOps(newIdP.URL, "solo.test"))
		if e, ok := ops.As(err); ok && e.Kind == ops.Conflict {
			return
		}
		// Saved: the only Admin now tries the new provider, as anyone would,
		// and must get in (the old provider's link gave way to the new one).
		res, serr := env.h.ops.SSOSignIn(ctx, ops.SSOLogin{TenantID: solo.ID, Issuer: newIdP.URL, Subject: "boss-new",
			Value: "boss@solo.test", Claim: "email", EmailVerified: true, IP: "test"})
		if serr != nil || res.ID != boss.ID {
			t.Fatalf("changing the issuer under the only (bound) Admin was saved (%v); their sign-in now gives %v, %v: nobody can manage users",
				err, res.ID, serr)
		}
	})
	t.Run("domains narrowed", func(t *testing.T) {
		t.Parallel()
		env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
		ctx := context.Background()
		solo, roles := env.newTenant("Solo", "solo")
		boss := env.ssoPerson(solo.ID, roles, "boss@solo.test", "admin", "") // not bound yet
		p := ops.Principal{TenantID: solo.ID, HomeTenantID: solo.ID, AccountID: boss.ID, IP: "test"}
		if err := env.h.ops.SaveSSO(ctx, p, ssoOps(boundIssuer, "solo.test")); err != nil {
			t.Fatal(err)
		}
		err := env.h.ops.SaveSSO(ctx, p, ssoOps(boundIssuer, "other.test"))
		if e, ok := ops.As(err); ok && e.Kind == ops.Conflict {
			return
		}
		_, serr := env.h.ops.SSOSignIn(ctx, ops.SSOLogin{TenantID: solo.ID, Issuer: boundIssuer, Subject: "boss-sub",
			Value: "boss@solo.test", Claim: "email", EmailVerified: true, IP: "test"})
		var refused *ops.SSORefusal
		if errors.As(serr, &refused) {
			t.Fatalf("narrowing the domains away from the only Admin was saved; their sign-in is refused (%s): nobody can manage users",
				refused.Reason)
		}
	})
}

var _ = http.StatusOK

// TestReview13_SecretFollowsNewIssuer: the client secret is write-only
// (never shown, page, API or audit), yet whoever may edit the settings
// reads it: they change the issuer to a provider of their own and leave the
// secret field empty ("keeps the saved one"); the next sign-in sends the
// real provider's secret to their token endpoint. Here the new provider's
// token endpoint accepts only the old provider's secret, so a successful
// exchange proves it arrived there. A new issuer (or token endpoint) must
// come with its secret typed again.
func TestReview13_SecretFollowsNewIssuer(t *testing.T) {
	t.Parallel()
	env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
	ctx := context.Background()
	real := ssotest.Start(t)
	real.ClientSecret = "the-real-idp-secret"
	env.connectSSO(env.tenant.ID, env.admin.ID, real.URL, real.ClientID, real.ClientSecret, "Acme Login", []string{"example.com"})
	env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")

	// An integration key of someone who may edit the settings, nothing more.
	clerk := env.user("clerk@acme.test", "standard", "active")
	role, err := env.st.CreateRole(ctx, store.Actor{TenantID: env.tenant.ID}, store.RoleSpec{Name: "Settings", Permissions: []string{"tenant.settings"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoles(ctx, store.Actor{TenantID: env.tenant.ID}, clerk.ID, []int64{role}); err != nil {
		t.Fatal(err)
	}
	key, _ := env.keyFor(clerk, time.Now().Add(time.Hour))
	evil := ssotest.Start(t)
	evil.ClientSecret = "the-real-idp-secret" // accepts nothing else: a good exchange proves the secret reached it
	r := env.call(key, http.MethodPut, "/settings/sso", map[string]any{"display_name": "Acme Login", "issuer": evil.URL,
		"client_id": evil.ClientID, "domains": []string{"example.com"}})
	if r.status != http.StatusOK {
		return // refused: a new issuer needs its secret
	}
	if c, _ := env.h.ops.SSOClient(ctx, env.tenant.ID); c.Secret == "" {
		return // the secret was dropped with the old issuer
	}
	c := env.client()
	res := ssoDance(c, evil, "alice@example.com")
	if res.StatusCode == http.StatusSeeOther {
		t.Fatal("the saved client secret of the old provider was sent to the new issuer's token endpoint, " +
			"chosen by a holder of tenant.settings who may not read the secret")
	}
}

// TestReview13_UnlinkKeepsSessions: Unlink is what an administrator does
// when the wrong identity was bound to an account (a reassigned address at
// the provider, a mistaken first sign-in); the identity's session in the
// console goes on all the same until its timeouts. The act-for rule lists
// links and sessions together: taking the link away must end the sessions it
// opened, as deactivation and a password change do.
func TestReview13_UnlinkKeepsSessions(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	alice := env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")
	idp.SetUser(ssotest.User{Subject: "wrong-person", Email: "alice@example.com", EmailVerified: true})
	wrong := env.client()
	wantStatus(t, ssoDance(wrong, idp, "alice@example.com"), http.StatusSeeOther)
	wantStatus(t, wrong.get("/account"), http.StatusOK)

	admin := env.signedIn("admin@acme.test")
	wantStatus(t, admin.post("/users/"+id(alice)+"/sso-unlink", nil), http.StatusSeeOther)
	if env.boundSubject(env.tenant.ID, alice.ID) != "" {
		t.Fatal("not unlinked")
	}
	if res := wrong.get("/account"); res.StatusCode == http.StatusOK {
		t.Fatal("the unlinked identity's console session still works after Unlink")
	}
}

// TestReview13_ProviderMemberBecomesCustomerAdmin: the same hole seen from
// the tree. A service provider's person pushed down into a customer as
// Tenant Administrator is no Admin there ("a member's Admin type stays
// home"), so may not act for the customer's Admin; through the customer's
// connection they sign in as that Admin, an account of the customer.
func TestReview13_ProviderMemberBecomesCustomerAdmin(t *testing.T) {
	t.Parallel()
	env := newEnvWith(t, t, false, func(c *Config) { c.SSO.AllowHTTP = true })
	ctx := context.Background()
	cust, croles := env.customer("Customer", "customer", env.tenant.ID)
	boss := env.ssoPerson(cust.ID, croles, "boss@customer.example", "admin", "")
	pat := env.user("pat@acme.test", "standard", "active")
	env.member(cust.ID, croles, pat, "tenant_admin")
	evil := ssotest.Start(t)
	secret := evil.ClientSecret
	err := env.h.ops.SaveSSO(ctx, ops.Principal{TenantID: cust.ID, HomeTenantID: env.tenant.ID, AccountID: pat.ID, IP: "test"},
		form.SSO{DisplayName: "Customer Login", Issuer: evil.URL, ClientID: evil.ClientID, Secret: &secret, Claim: "email",
			Domains: []string{"customer.example"}, Enabled: true})
	if err != nil {
		return
	}
	evil.SetUser(ssotest.User{Subject: "pat-at-evil", Email: "boss@customer.example", EmailVerified: true})
	ssoDance(env.client(), evil, "boss@customer.example")
	if env.boundSubject(cust.ID, boss.ID) == "pat-at-evil" || signedInAs(t, env, cust.ID, boss.ID) {
		t.Fatal("a provider's member of a customer, not an Admin there, signed in as the customer's Admin through a provider of their own")
	}
}
