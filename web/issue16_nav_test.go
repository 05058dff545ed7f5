package web

import (
	"net/http"
	"testing"
)

// TestIssue16_MyAccountIsCurrentOnlyOnMine (defect 15): someone else's API
// keys page is not "My account"; the person's own account pages are.
func TestIssue16_MyAccountIsCurrentOnlyOnMine(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	other := env.user("other@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	res := c.get("/accounts/" + id(other) + "/keys")
	wantStatus(t, res, http.StatusOK)
	if _, on := res.doc.Find("a.me-link").Attr("aria-current"); on {
		t.Error("My account is marked current on another person's API keys")
	}
	for _, path := range []string{"/account", "/account/password"} {
		if v, _ := c.get(path).doc.Find("a.me-link").Attr("aria-current"); v != "page" {
			t.Errorf("%s: My account not marked current", path)
		}
	}
}

// TestIssue16_SidebarLinksAddToProject (defect 6): the sidebar offers "Add
// to project…" to whoever may manage projects, and its form is served.
func TestIssue16_SidebarLinksAddToProject(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	lone := env.user("lone@acme.test", "standard", "active", "member")
	env.user("auditor@acme.test", "standard", "active", "auditor")
	side := env.signedIn("admin@acme.test").get("/users/"+id(lone)+"/edit", "HX-Request", "true", "HX-Target", "sidebar")
	link, ok := side.doc.Find("p.add-to-project a").Attr("hx-get")
	if !ok {
		t.Fatal("no Add to project in the sidebar of a project manager")
	}
	wantStatus(t, env.signedIn("admin@acme.test").get(link, "HX-Request", "true"), http.StatusOK)
	side = env.signedIn("auditor@acme.test").get("/users/"+id(lone)+"/edit", "HX-Request", "true", "HX-Target", "sidebar")
	if side.doc.Find("p.add-to-project").Length() != 0 {
		t.Error("an auditor is offered Add to project")
	}
}

// TestIssue16_NavNamesTheSectionOfEveryPage (defect 3): on a phone the
// navigation's button names the section a page belongs to; a person's page,
// the bulk jobs and the settings' tabs are not "Menu".
func TestIssue16_NavNamesTheSectionOfEveryPage(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	other := env.user("other@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	for path, want := range map[string]string{
		"/users": "Users", "/users/" + id(other) + "/page": "Users", "/users/new": "Users", "/jobs": "Users",
		"/settings": "Settings", "/settings/sso": "Settings", "/settings/provisioning": "Settings",
	} {
		res := c.get(path)
		wantStatus(t, res, http.StatusOK)
		if got := text(res.doc.Find(".nav-toggle-label")); got != want {
			t.Errorf("%s: the navigation button says %q, want %q", path, got, want)
		}
		if cur := res.doc.Find(`#main-nav a[aria-current="page"]`).Length(); cur != 1 {
			t.Errorf("%s: %d sections marked current, want 1", path, cur)
		}
	}
}
