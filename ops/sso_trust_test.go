package ops_test

import (
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
)

// TestSSOTrustChangesAreActFor: whom the connection trusts decides who signs
// in to each SSO account, so a Tenant Administrator who is not an Admin may
// rename the connection but not change its issuer or domains while an
// Admin's SSO account is in the tenant; an Admin may, and a new issuer
// unlinks the identities bound to the old one (which then link again).
func TestSSOTrustChangesAreActFor(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	tn, roles := w.tenant("acme")
	admin := w.account(tn.ID, "boss", "admin", "active")                      // SSO Admin, boss@example.test
	ta := w.account(tn.ID, "ta", "standard", "active", roles["tenant_admin"]) // every permission, not an Admin
	f := form.SSO{DisplayName: "Acme ID", Issuer: "https://id.acme.test", ClientID: "console", Domains: []string{"example.test"}, Enabled: true}
	if err := w.ops.SaveSSO(w.ctx, admin, f); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ops.SSOSignIn(w.ctx, ops.SSOLogin{TenantID: tn.ID, Issuer: f.Issuer, Subject: "boss-1",
		Value: "boss@example.test", Claim: "email", EmailVerified: true}); err != nil {
		t.Fatalf("the Admin links at first sign-in: %v", err)
	}

	renamed := f
	renamed.DisplayName = "Acme Login"
	if err := w.ops.SaveSSO(w.ctx, ta, renamed); err != nil {
		t.Fatalf("a Tenant Administrator renames the connection: %v", err)
	}
	for name, change := range map[string]func(*form.SSO){
		"issuer":  func(g *form.SSO) { g.Issuer = "https://evil.example" },
		"domains": func(g *form.SSO) { g.Domains = []string{"example.test", "other.test"} },
		"claim":   func(g *form.SSO) { g.Claim = "upn" },
	} {
		g := renamed
		change(&g)
		e, ok := ops.As(w.ops.SaveSSO(w.ctx, ta, g))
		if !ok || e.Kind != ops.Forbidden || e.Key != "sso_err_act_for" || e.Fields["issuer"] == "" {
			t.Errorf("a Tenant Administrator changes the %s under an Admin: %v, want sso_err_act_for", name, e)
		}
	}
	if c, _ := w.st.SSOConnection(w.ctx, tn.ID); c.Issuer != f.Issuer || len(c.Domains) != 1 || c.Claim != "email" {
		t.Fatalf("a refused change altered the connection: %+v", c)
	}

	moved := renamed
	moved.Issuer = "https://new-id.acme.test"
	if err := w.ops.SaveSSO(w.ctx, admin, moved); err != nil {
		t.Fatalf("the Admin moves the connection to a new issuer: %v", err)
	}
	if a, _ := w.st.Account(w.ctx, tn.ID, admin.AccountID); a.SSOSubject != "" {
		t.Fatalf("the old issuer's identity stayed bound: %q", a.SSOSubject)
	}
	if a, err := w.ops.SSOSignIn(w.ctx, ops.SSOLogin{TenantID: tn.ID, Issuer: moved.Issuer, Subject: "boss-2",
		Value: "boss@example.test", Claim: "email", EmailVerified: true}); err != nil || a.ID != admin.AccountID {
		t.Fatalf("the Admin links again through the new issuer: %v %v", a.ID, err)
	}
}

// TestSSONewIssuerNeedsItsSecret: a secret kept across a change of issuer
// would go to the new provider's token endpoint, so it is asked again.
func TestSSONewIssuerNeedsItsSecret(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	tn, _ := w.tenant("acme")
	admin := w.account(tn.ID, "boss", "admin", "active")
	secret := "real-secret"
	f := form.SSO{DisplayName: "Acme ID", Issuer: "https://id.acme.test", ClientID: "console", Secret: &secret, Enabled: true}
	if err := w.ops.SaveSSO(w.ctx, admin, f); err != nil {
		t.Fatal(err)
	}
	g := f
	g.Secret, g.Issuer = nil, "https://elsewhere.example"
	if e, ok := ops.As(w.ops.SaveSSO(w.ctx, admin, g)); !ok || e.Fields["client_secret"] == "" {
		t.Fatalf("new issuer, secret kept: %v, want a client_secret refusal", e)
	}
	g.Issuer = f.Issuer
	g.DisplayName = "Renamed"
	if err := w.ops.SaveSSO(w.ctx, admin, g); err != nil {
		t.Fatalf("same issuer, secret kept: %v", err)
	}
	if c, _ := w.ops.SSOClient(w.ctx, tn.ID); c.Secret != secret {
		t.Fatalf("kept secret = %q", c.Secret)
	}
}
