package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/ops"
)

// TestSSOUserFormDefault: with an enabled connection the create-user form
// defaults to SSO, as the product documents; without one (or disabled),
// password stays the default and SSO carries a note that such users cannot
// sign in yet, linking to the settings for those who may change them.
func TestSSOUserFormDefault(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	env.user("manager@acme.test", "standard", "active", "user_manager")
	admin, mgr := env.signedIn("admin@acme.test"), env.signedIn("manager@acme.test")
	chosen := func(res response) string {
		v, _ := res.doc.Find("#auth_method option[selected]").Attr("value")
		return v
	}
	res := admin.get("/users/new", htmx("sidebar")...)
	note := res.doc.Find("#auth_method-sso-note")
	if chosen(res) != "password" || !strings.Contains(note.Text(), "SSO users cannot sign in until a single sign-on connection is set up") ||
		note.Find(`a[href="`+tp("/settings/sso")+`"]`).Length() != 1 {
		t.Fatalf("no connection: %q\n%s", chosen(res), snippet(res.body))
	}
	res = mgr.get("/users/new", htmx("sidebar")...)
	if res.doc.Find("#auth_method-sso-note").Length() != 1 || res.doc.Find("#auth_method-sso-note a").Length() != 0 {
		t.Fatal("a user manager without tenant.settings gets no note, or a link they cannot follow")
	}
	p := ops.Principal{TenantID: env.tenant.ID, HomeTenantID: env.tenant.ID, AccountID: env.admin.ID}
	c := ssoOps("https://login.acme.test", "acme.test")
	if err := env.h.ops.SaveSSO(ctx, p, c); err != nil {
		t.Fatal(err)
	}
	res = admin.get("/users/new", htmx("sidebar")...)
	if chosen(res) != "sso" || res.doc.Find("#auth_method-sso-note").Length() != 0 {
		t.Fatalf("enabled connection: %q\n%s", chosen(res), snippet(res.body))
	}
	// A refused create keeps what was chosen.
	res = admin.post("/users", url.Values{"login": {""}, "auth_method": {"password"}}, htmx("sidebar")...)
	if chosen(res) != "password" {
		t.Fatalf("re-rendered form chose %q", chosen(res))
	}
	c.Enabled = false
	if err := env.h.ops.SaveSSO(ctx, p, c); err != nil {
		t.Fatal(err)
	}
	res = admin.get("/users/new", htmx("sidebar")...)
	if chosen(res) != "password" || !strings.Contains(res.doc.Find("#auth_method-sso-note").Text(), "disabled") {
		t.Fatalf("disabled connection: %q\n%s", chosen(res), snippet(res.body))
	}
}
