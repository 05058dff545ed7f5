package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

func settingsPost(on bool, days string, roles ...int64) url.Values {
	v := url.Values{"invite_days": {days}}
	if on {
		v.Set("self_registration", "1")
	}
	for _, r := range roles {
		v.Add("role", fmt.Sprint(r))
	}
	return v
}

// TestSettingsSave: the administrator turns registration on with a default
// role; the page then shows the links to share; the change is audited.
func TestSettingsSave(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	admin := env.signedIn("admin@acme.test")
	page := admin.get("/settings")
	wantStatus(t, page, http.StatusOK)
	if page.doc.Find(`header nav a[href="/t/acme/settings"]`).Length() != 1 {
		t.Fatal("no Settings entry in the navigation")
	}
	if page.doc.Find("#register-link").Length() != 0 {
		t.Fatal("registration links shown while registration is off")
	}
	if v, _ := page.doc.Find("#invite_days").Attr("value"); v != "7" {
		t.Fatalf("invite days %q, want the default 7", v)
	}
	if _, ok := page.doc.Find(fmt.Sprintf(`input[name=role][value="%d"]`, env.roles["tenant_admin"])).Attr("disabled"); !ok {
		t.Fatal("Tenant Administrator is offered as a default role")
	}
	res := admin.post("/settings", settingsPost(true, "10", env.roles["member"], env.roles["auditor"]))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tp("/settings?saved=1") {
		t.Fatalf("save: %d %q\n%s", res.StatusCode, res.Header.Get("Location"), snippet(res.body))
	}
	got, _ := env.st.Settings(context.Background(), env.tenant.ID)
	want := []int64{env.roles["member"], env.roles["auditor"]}
	slices.Sort(want)
	if !got.SelfRegistration || got.InviteDays != 10 || !slices.Equal(got.DefaultRoleIDs, want) {
		t.Fatalf("saved %+v", got)
	}
	page = admin.get("/settings?saved=1")
	if !strings.Contains(page.body, "Settings saved.") ||
		page.doc.Find("#register-link").Text() != env.srv.URL+"/register/acme" ||
		page.doc.Find("#signin-link").Text() != env.srv.URL+"/signin?tenant=acme" {
		t.Fatalf("after saving:\n%s", snippet(page.doc.Find("main").Text()))
	}
	if n, _ := env.st.AuditCount(context.Background(), "tenant.settings"); n != 1 {
		t.Fatalf("tenant.settings events: %d", n)
	}
	// Off again, through htmx: redirected, links gone.
	res = admin.post("/settings", settingsPost(false, "7"), htmx("main")...)
	if res.Header.Get("HX-Redirect") != tp("/settings?saved=1") {
		t.Fatalf("htmx save: %d %v", res.StatusCode, res.Header)
	}
	if admin.get("/settings").doc.Find("#register-link").Length() != 0 {
		t.Fatal("links shown after turning registration off")
	}
	env.user("manager@acme.test", "standard", "active", "user_manager")
	if env.signedIn("manager@acme.test").get("/settings").StatusCode != http.StatusForbidden {
		t.Fatal("a user manager reached the settings")
	}
}

// TestSettingsBadInput: every refusal is said beside its field, and nothing changes.
func TestSettingsBadInput(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	_, otherRoles := env.newTenant("Other", "other")
	admin := env.signedIn("admin@acme.test")
	admin.get("/settings")
	cases := []struct {
		name, field string
		form        url.Values
		says        string
	}{
		{"zero days", "invite_days", settingsPost(true, "0"), "from 1 to 30"},
		{"31 days", "invite_days", settingsPost(true, "31"), "from 1 to 30"},
		{"not a number", "invite_days", settingsPost(true, "abc"), "from 1 to 30"},
		{"no days", "invite_days", settingsPost(true, ""), "from 1 to 30"},
		{"unknown role", "roles", settingsPost(true, "7", 999999), "does not exist"},
		{"another tenant's role", "roles", settingsPost(true, "7", otherRoles["member"]), "does not exist"},
		{"role not a number", "roles", url.Values{"invite_days": {"7"}, "role": {"abc"}}, "does not exist"},
		{"tenant administrator", "roles", settingsPost(true, "7", env.roles["tenant_admin"]), "cannot be given"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := admin.post("/settings", tc.form)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if msg := res.doc.Find("#" + tc.field + "-error").Text(); !strings.Contains(msg, tc.says) {
				t.Fatalf("%s error %q, want %q", tc.field, msg, tc.says)
			}
		})
	}
	noCSRF := settingsPost(true, "7")
	noCSRF.Set("_csrf", "")
	wantStatus(t, admin.post("/settings", noCSRF), http.StatusForbidden)
	if got, _ := env.st.Settings(context.Background(), env.tenant.ID); got.SelfRegistration || len(got.DefaultRoleIDs) != 0 {
		t.Fatalf("bad input changed the settings: %+v", got)
	}
	if n, _ := env.st.AuditCount(context.Background(), "tenant.settings"); n != 0 {
		t.Fatalf("tenant.settings events: %d", n)
	}
}

// TestSettingsGrantRules: an editor who is not an Admin chooses only roles
// whose permissions they hold; a default they could not give may stay.
func TestSettingsGrantRules(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	keeper, err := env.st.CreateRole(ctx, actorFor(env), store.RoleSpec{Name: "Settings keeper",
		Permissions: []string{"tenant.settings", "projects.view"}})
	if err != nil {
		t.Fatal(err)
	}
	env.roles["keeper"] = keeper
	env.user("keeper@acme.test", "standard", "active", "keeper")
	c := env.signedIn("keeper@acme.test")
	page := c.get("/settings")
	wantStatus(t, page, http.StatusOK)
	um := page.doc.Find(fmt.Sprintf(`input[name=role][value="%d"]`, env.roles["user_manager"]))
	if _, ok := um.Attr("disabled"); !ok || !strings.Contains(um.Parent().Text(), "permissions you do not have") {
		t.Fatal("User Manager offered to an editor who does not hold its permissions")
	}
	res := c.post("/settings", settingsPost(true, "7", env.roles["user_manager"]))
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := res.doc.Find("#roles-error").Text(); !strings.Contains(msg, "permissions you hold yourself") {
		t.Fatalf("roles error %q", msg)
	}
	res = c.post("/settings", settingsPost(true, "7", env.roles["member"]))
	wantStatus(t, res, http.StatusSeeOther)

	// An Admin made User Manager a default: the editor may keep it while saving other changes.
	if err := env.st.UpdateSettings(ctx, actorFor(env), store.Settings{SelfRegistration: true, InviteDays: 7,
		DefaultRoleIDs: []int64{env.roles["user_manager"]}}); err != nil {
		t.Fatal(err)
	}
	res = c.post("/settings", settingsPost(true, "14", env.roles["user_manager"]))
	wantStatus(t, res, http.StatusSeeOther)
	if got, _ := env.st.Settings(ctx, env.tenant.ID); got.InviteDays != 14 {
		t.Fatalf("saved %+v", got)
	}
}
