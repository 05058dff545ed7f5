package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

func provForm(mode, del string) url.Values {
	return url.Values{"provisioning": {mode}, "scim_delete": {del}}
}

// TestProvisioningSettings: the administrator reaches Settings →
// Provisioning from the settings tabs, switches to External, sees the SCIM
// base URL to give the identity provider, makes a token shown once with
// its Copy button focused, lists it (prefix, creator), revokes it after
// confirming, and switches back to Console, told that tokens stop working
// and everyone is unlocked.
func TestProvisioningSettings(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	admin := env.signedIn("admin@acme.test")
	if admin.get("/settings/sso").doc.Find(`a#tab-provisioning[href="`+tp("/settings/provisioning")+`"]`).Length() != 1 {
		t.Fatal("the settings tabs do not link to provisioning")
	}
	page := admin.get("/settings/provisioning")
	wantStatus(t, page, http.StatusOK)
	for _, id := range []string{"mode-console", "mode-external", "delete-deactivate", "delete-delete"} {
		if page.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("choice %s has no label", id)
		}
	}
	if _, on := page.doc.Find("#mode-console").Attr("checked"); !on {
		t.Fatal("a new tenant is not in Console mode")
	}
	if _, on := page.doc.Find("#delete-deactivate").Attr("checked"); !on {
		t.Fatal("DELETE does not deactivate by default")
	}
	if !strings.Contains(page.doc.Find("#mode-external-hint").Text(), "locked") {
		t.Fatalf("External is not explained: %q", page.doc.Find("#mode-external-hint").Text())
	}
	if page.doc.Find("#scim-base, #token-name").Length() != 0 {
		t.Fatal("console mode shows the SCIM endpoint or the token form")
	}

	res := admin.post("/settings/provisioning", provForm("external", "deactivate"))
	wantStatus(t, res, http.StatusSeeOther)
	page = admin.get(res.Header.Get("Location"))
	if v, _ := page.doc.Find("#scim-base").Attr("value"); v != env.srv.URL+"/scim/v2" {
		t.Fatalf("SCIM base URL %q", v)
	}
	if page.doc.Find(`button[data-copy="scim-base"]`).Length() != 1 || page.doc.Find("#prov-notice").Length() != 1 {
		t.Fatal("no Copy button beside the base URL, or no notice of the switch")
	}
	if pr, _ := env.st.Provisioning(ctx, env.tenant.ID); pr.Mode != store.ProvisioningExternal || pr.DeleteRemoves {
		t.Fatalf("saved %+v", pr)
	}

	// A token: made, shown once with its Copy button focused, listed.
	res = admin.post("/settings/provisioning/tokens", url.Values{"name": {"Entra ID"}}, htmx("main")...)
	wantStatus(t, res, http.StatusOK)
	if strings.Contains(res.body, "<html") {
		t.Fatal("htmx got the whole page")
	}
	token, _ := res.doc.Find("#new-token").Attr("value")
	publicID, secret, ok := auth.ParseSCIMToken(token)
	if !ok {
		t.Fatalf("shown token %q", token)
	}
	if _, focus := res.doc.Find(`#new-token-copy[data-copy="new-token"]`).Attr("autofocus"); !focus {
		t.Fatal("the token's Copy button does not take the focus")
	}
	h, err := env.st.SCIMTokenAuth(ctx, publicID)
	if err != nil || !h.Live || !auth.SecretMatches(secret, h.SecretHash) {
		t.Fatalf("stored %+v live=%v: %v", h.Token, h.Live, err)
	}
	row := res.doc.Find("#token-row-" + itoa(h.Token.ID))
	if !strings.Contains(row.Text(), "cst_"+publicID) || !strings.Contains(row.Text(), "Admin Tester") || !strings.Contains(row.Text(), "Active") {
		t.Fatalf("token row %q", row.Text())
	}
	if again := admin.get("/settings/provisioning"); strings.Contains(again.body, secret) || again.doc.Find("#new-token").Length() != 0 {
		t.Fatal("the token was shown a second time")
	}

	// Revoking asks first, then stops the token at once.
	res = admin.post("/settings/provisioning/tokens/"+itoa(h.Token.ID)+"/revoke", nil)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("#revoke-confirm").Length() != 1 {
		t.Fatal("revoking did not ask first")
	}
	if h, _ := env.st.SCIMTokenAuth(ctx, publicID); !h.Token.RevokedAt.IsZero() {
		t.Fatal("the question revoked the token")
	}
	res = admin.post("/settings/provisioning/tokens/"+itoa(h.Token.ID)+"/revoke", url.Values{"confirm": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	if h, _ := env.st.SCIMTokenAuth(ctx, publicID); h.Live || h.Token.RevokedAt.IsZero() {
		t.Fatalf("revoked token still live: %+v", h.Token)
	}
	page = admin.get(res.Header.Get("Location"))
	if !strings.Contains(page.doc.Find("#token-row-"+itoa(h.Token.ID)).Text(), "Revoked") ||
		page.doc.Find("#token-"+itoa(h.Token.ID)+"-revoke").Length() != 0 {
		t.Fatal("the revoked token is not shown as revoked")
	}

	// Back to Console: the page says tokens stop and everyone is unlocked.
	if _, _, err := env.h.ops.CreateSCIMToken(ctx, env.adminPrincipal(), "Okta"); err != nil {
		t.Fatal(err)
	}
	res = admin.post("/settings/provisioning", provForm("console", "delete"))
	wantStatus(t, res, http.StatusSeeOther)
	page = admin.get(res.Header.Get("Location"))
	notice := page.doc.Find("#prov-notice").Text()
	if !strings.Contains(notice, "stop working") || !strings.Contains(notice, "unlocked") {
		t.Fatalf("switching back says %q", notice)
	}
	if page.doc.Find("#prov-tokens-off").Length() != 1 || page.doc.Find("#scim-base, #token-name").Length() != 0 {
		t.Fatal("console mode does not say the live token is off, or still offers the endpoint")
	}
	if pr, _ := env.st.Provisioning(ctx, env.tenant.ID); pr.Mode != store.ProvisioningConsole || !pr.DeleteRemoves {
		t.Fatalf("saved %+v", pr)
	}
	audit := auditText(t, env, env.tenant.ID)
	for _, a := range []string{"tenant.provisioning", "scim_token.create", "scim_token.revoke"} {
		if !strings.Contains(audit, `"`+a+`"`) {
			t.Errorf("no %s in the audit trail", a)
		}
	}
	if strings.Contains(audit, secret) {
		t.Fatal("the token's secret is in the audit trail")
	}
}

// TestProvisioningSettingsRefusals: bad choices and a missing token name
// are said beside their field (422) and change nothing; a form without its
// CSRF token is refused; another tenant's token is not found.
func TestProvisioningSettingsRefusals(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	admin := env.signedIn("admin@acme.test")
	for _, tc := range []struct {
		name  string
		form  url.Values
		field string
	}{
		{"unknown mode", provForm("scim", "deactivate"), "provisioning"},
		{"no mode", provForm("", "deactivate"), "provisioning"},
		{"unknown delete", provForm("external", "purge"), "scim_delete"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.post("/settings/provisioning", tc.form)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if res.doc.Find("#"+tc.field+"-error").Text() == "" {
				t.Fatalf("no message beside %s:\n%s", tc.field, snippet(res.doc.Find("main").Text()))
			}
		})
	}
	if pr, _ := env.st.Provisioning(ctx, env.tenant.ID); pr.Mode != store.ProvisioningConsole {
		t.Fatalf("a refused form changed the mode: %+v", pr)
	}
	bad := provForm("external", "deactivate")
	bad.Set("_csrf", "forged")
	wantStatus(t, admin.post("/settings/provisioning", bad), http.StatusForbidden)
	if pr, _ := env.st.Provisioning(ctx, env.tenant.ID); pr.Mode != store.ProvisioningConsole {
		t.Fatal("a forged form changed the mode")
	}

	env.setMode(store.ProvisioningExternal)
	res := admin.post("/settings/provisioning/tokens", url.Values{"name": {"  "}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if res.doc.Find("#token-name-error").Text() == "" || res.doc.Find(`#token-name[aria-invalid="true"]`).Length() != 1 {
		t.Fatal("a blank token name is not said beside the field")
	}
	if list, _ := env.st.SCIMTokens(ctx, env.tenant.ID); len(list) != 0 {
		t.Fatal("a refused form made a token")
	}

	other, _ := env.newTenant("Beta", "beta")
	otherAdmin := env.userIn(other.ID, nil, "boss@beta.test", "admin", "active")
	_, theirs, err := env.h.ops.CreateSCIMToken(ctx, ops.Principal{TenantID: other.ID, HomeTenantID: other.ID, AccountID: otherAdmin.ID, IP: "test"}, "Theirs")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, admin.post("/settings/provisioning/tokens/"+itoa(theirs.ID)+"/revoke", url.Values{"confirm": {"1"}}), http.StatusNotFound)
	if list, _ := env.st.SCIMTokens(ctx, other.ID); !list[0].RevokedAt.IsZero() {
		t.Fatal("another tenant's token was revoked")
	}
}

// TestProvisioningTokenAdminOnly: a Tenant Administrator by role (not an
// Admin by type) may switch the mode but not make tokens: the form is
// absent with a sentence saying why, and a forged POST is told beside the
// name field.
func TestProvisioningTokenAdminOnly(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.setMode(store.ProvisioningExternal)
	env.user("ta@acme.test", "standard", "active", "tenant_admin")
	ta := env.signedIn("ta@acme.test")
	page := ta.get("/settings/provisioning")
	wantStatus(t, page, http.StatusOK)
	if page.doc.Find("#token-name").Length() != 0 || !strings.Contains(page.doc.Find("#prov-admin-only").Text(), "Only an Admin") {
		t.Fatal("a non-Admin is offered the token form, or not told why not")
	}
	res := ta.post("/settings/provisioning/tokens", url.Values{"name": {"Okta"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#token-name-error").Text(), "Only an Admin") {
		t.Fatalf("refusal: %q", res.doc.Find("main").Text())
	}
}
