package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestTemporaryPassword: an administrator sets it from the sidebar; the
// person's sessions end; at the next sign-in nothing but the change works.
func TestTemporaryPassword(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "user_manager")
	old := env.signedIn("bob@acme.test")
	admin := env.signedIn("admin@acme.test")
	const temp, mine = "temporary but long enough", "my very own passphrase"

	res := admin.get("/users/"+id(bob)+"/edit", htmx("#sidebar")...)
	if !strings.Contains(res.doc.Find("details.temp-password #temp_password-hint").Text(), "15 or more is recommended") {
		t.Fatal("the sidebar offers no temporary password with the policy hint")
	}
	for pw, want := range map[string]string{"": "at least 8", "short": "at least 8", "pilchard": "too common",
		strings.Repeat("x", 129): "at most 128"} {
		res := admin.post("/users/"+id(bob)+"/password", url.Values{"temp_password": {pw}}, htmx("#sidebar")...)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if msg := res.doc.Find("#temp_password-error").Text(); !strings.Contains(msg, want) {
			t.Errorf("temporary password %q: %q, want %q", pw, msg, want)
		}
	}
	res = admin.post("/users/"+id(bob)+"/password", url.Values{"temp_password": {temp}}, htmx("#sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.doc.Find(".notice").Text(), "Temporary password set") {
		t.Errorf("notice %q", res.doc.Find(".notice").Text())
	}
	if res := old.get("/users"); !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
		t.Error("the person's session survived the temporary password")
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "user.password_temporary"})
	if len(ev) != 1 || ev[0].ActorID != env.admin.ID || ev[0].TargetID != bob.ID || strings.Contains(fmt.Sprint(ev[0].Details), temp) {
		t.Fatalf("audit %+v", ev)
	}

	// Signed in with it, every other page leads to the change.
	c := env.client()
	res, _ = c.signIn("bob@acme.test", temp, "/users")
	wantStatus(t, res, http.StatusSeeOther)
	for _, tt := range []struct {
		method, path string
		htmx         bool
		want         string
	}{
		{"GET", "/users", false, "/account/password?next=%2Fusers"},
		{"GET", "/", false, "/account/password"},
		{"GET", "/account", false, "/account/password?next=%2Faccount"},
		{"GET", "/users/" + id(bob) + "/edit?format=json", false, "/account/password?next=%2Fusers%2F" + id(bob) + "%2Fedit%3Fformat%3Djson"},
		{"GET", "/roles", true, "/account/password"},
		{"POST", "/account", false, "/account/password"},
		{"POST", "/users/" + id(bob) + "/roles", true, "/account/password"},
		{"POST", "/account/sessions/end-others", false, "/account/password"},
		{"GET", "/avatars/0123456789abcdef0123456789abcdef.png", false, "/account/password?next="},
	} {
		var res response
		var h []string
		if tt.htmx {
			h = htmx("#main")
		}
		if tt.method == "GET" {
			res = c.get(tt.path, h...)
		} else {
			res = c.post(tt.path, nil, h...)
		}
		got := res.Header.Get("Location")
		if tt.htmx {
			got = res.Header.Get("HX-Redirect")
		}
		if !strings.HasPrefix(got, tp(tt.want)) || (!tt.htmx && res.StatusCode != http.StatusSeeOther) {
			t.Errorf("%s %s (htmx %v): %d to %q, want %q", tt.method, tt.path, tt.htmx, res.StatusCode, got, tt.want)
		}
	}
	wantStatus(t, c.get("/static/app.css"), http.StatusOK)
	res = c.get("/account/password?next=%2Fusers")
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("label[for=current_password]").Text() != "Temporary password" || res.doc.Find(".notice").Text() == "" {
		t.Error("the page does not say the change is forced")
	}
	wantStatus(t, c.post("/account/password", url.Values{"current_password": {temp}, "new_password": {temp},
		"confirm_password": {temp}}), http.StatusUnprocessableEntity)
	res = c.post("/account/password", url.Values{"current_password": {temp}, "new_password": {mine},
		"confirm_password": {mine}, "next": {"/users"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tp("/users") {
		t.Fatalf("change: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	wantStatus(t, c.get("/users"), http.StatusOK)
	if got, _ := env.st.Account(context.Background(), env.tenant.ID, bob.ID); got.MustChangePassword {
		t.Error("the forced change is still set")
	}
}

// TestTemporaryPasswordRefusals: not for SSO users, not for oneself, an Admin
// only by an Admin, never across tenants, never without users.manage.
func TestTemporaryPasswordRefusals(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	ssoAcct := store.NewAccount{Profile: store.Profile{FirstName: "Sso", LastName: "User", Email: "sso@acme.test",
		Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"}, Login: "sso", Status: "active", AuthMethod: "sso"}
	sso, err := env.st.CreateAccount(ctx, store.Actor{TenantID: env.tenant.ID}, ssoAcct)
	if err != nil {
		t.Fatal(err)
	}
	boss := env.user("boss@acme.test", "admin", "active")
	plain := env.user("plain@acme.test", "standard", "active")
	env.user("manager@acme.test", "standard", "active", "user_manager")
	env.user("reader@acme.test", "read_only", "active", "user_manager")
	other, otherRoles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, otherRoles, "stranger@other.test", "standard", "active")
	// A fresh form each time: posting fills in the client's own CSRF token.
	form := func() url.Values { return url.Values{"temp_password": {"temporary but long enough"}} }

	admin, manager := env.signedIn("admin@acme.test"), env.signedIn("manager@acme.test")
	if admin.get("/users/"+id(sso)+"/edit", htmx("#sidebar")...).doc.Find("details.temp-password").Length() != 0 {
		t.Error("the sidebar offers a temporary password to an SSO user")
	}
	if manager.get("/users/"+id(boss)+"/edit", htmx("#sidebar")...).doc.Find("details.temp-password").Length() != 0 {
		t.Error("a non-admin is offered a temporary password for an Admin")
	}
	if admin.get("/users/"+id(env.admin)+"/edit", htmx("#sidebar")...).doc.Find("details.temp-password").Length() != 0 {
		t.Error("the sidebar offers a temporary password for oneself")
	}
	for _, tt := range []struct {
		name   string
		c      *client
		target int64
		want   int
	}{
		{"SSO user", admin, sso.ID, http.StatusConflict},
		{"oneself", admin, env.admin.ID, http.StatusForbidden},
		{"an Admin by a non-admin", manager, boss.ID, http.StatusForbidden},
		{"another tenant's user", admin, stranger.ID, http.StatusNotFound},
		{"not a number", admin, -1, http.StatusNotFound},
		{"read-only manager", env.signedIn("reader@acme.test"), plain.ID, http.StatusForbidden},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantStatus(t, tt.c.post(fmt.Sprintf("/users/%d/password", tt.target), form()), tt.want)
		})
	}
	wantStatus(t, admin.post("/users/"+id(boss)+"/password", form()), http.StatusSeeOther)
	wantStatus(t, manager.post("/users/"+id(plain)+"/password", form()), http.StatusSeeOther)
	if n, _ := env.st.AuditCount(ctx, "user.password_temporary"); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
	if got, _ := env.st.Account(ctx, env.tenant.ID, sso.ID); got.PasswordHash != "" || got.MustChangePassword {
		t.Error("the SSO user got a password")
	}
	if res := env.signedIn2(t, "plain@acme.test", "temporary but long enough").get("/users"); !strings.HasPrefix(res.Header.Get("Location"), tp("/account/password")) {
		t.Errorf("after a manager's temporary password: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
}

// TestSSOUserHasNoPasswordPages: My account says why; the pages refuse.
func TestSSOUserHasNoPasswordPages(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	sso, err := env.st.CreateAccount(context.Background(), store.Actor{TenantID: env.tenant.ID}, store.NewAccount{
		Profile: store.Profile{FirstName: "Sso", LastName: "User", Email: "sso@acme.test", Language: "en", TimeZone: "UTC",
			Currency: "USD", UserType: "standard"}, Login: "sso", Status: "active", AuthMethod: "sso"})
	if err != nil {
		t.Fatal(err)
	}
	// SSO sign-in is not built yet: start its session as that flow will.
	rec := httptest.NewRecorder()
	if _, err := env.h.sessions.Start(httptest.NewRequest(http.MethodGet, "/", nil), rec, sso.ID); err != nil {
		t.Fatal(err)
	}
	c := env.client()
	u, _ := url.Parse(env.srv.URL)
	c.http.Jar.SetCookies(u, rec.Result().Cookies())
	res := c.get("/account")
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(`a[href="/t/acme/account/password"]`).Length() != 0 || !strings.Contains(res.body, "single sign-on") {
		t.Error("My account offers an SSO user a password change")
	}
	wantStatus(t, c.get("/account/password"), http.StatusConflict)
	wantStatus(t, c.post("/account/password", url.Values{"current_password": {"x"}, "new_password": {"a long new passphrase"},
		"confirm_password": {"a long new passphrase"}}), http.StatusConflict)
}
