package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// TestIssue16_ProjectsDoNotListPeopleToWhoCannotSeeThem: the project page's
// people search and a person's "Add to project" form show names and emails,
// so they need users.view as the users table does. With projects.view (the
// Member role) the search finds groups only; with projects.view and
// projects.manage but not users.view, a person's projects form is 404 and
// adding through it changes nothing.
func TestIssue16_ProjectsDoNotListPeopleToWhoCannotSeeThem(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	secret := env.user("hidden.person@acme.test", "standard", "active")
	pr := env.project("Apollo")
	pm, err := env.st.CreateRole(ctx, actorFor(env), store.RoleSpec{Name: "Projects only", Permissions: []string{"projects.view", "projects.manage"}})
	if err != nil {
		t.Fatal(err)
	}
	env.user("member@acme.test", "standard", "active", "member")
	env.userIn(env.tenant.ID, map[string]int64{"pm": pm}, "pm@acme.test", "standard", "active", "pm")

	for _, who := range []string{"member@acme.test", "pm@acme.test"} {
		c := env.signedIn(who)
		wantStatus(t, c.get("/users"), http.StatusForbidden)
		for _, h := range [][]string{nil, htmx("pp-groups")} {
			res := c.get(projectPath(pr, "?gq=hidden"), h...)
			wantStatus(t, res, http.StatusOK)
			if strings.Contains(res.body, "hidden.person@acme.test") || strings.Contains(res.body, "Hidden") {
				t.Fatalf("%s sees a person through the project search:\n%s", who, snippet(res.body))
			}
			if !strings.Contains(res.body, "No groups match") {
				t.Fatalf("%s: the empty search should speak of groups only:\n%s", who, snippet(res.body))
			}
		}
	}
	c := env.signedIn("pm@acme.test")
	wantStatus(t, c.get(fmt.Sprintf("/users/%d/projects/add", secret.ID)), http.StatusNotFound)
	res := c.post(fmt.Sprintf("/users/%d/projects", secret.ID), url.Values{"project_id": {id64(pr.ID)}, "access": {"write"}})
	wantStatus(t, res, http.StatusNotFound)
	if n, _ := env.st.AuditCount(ctx, store.ActionProjectUsersAdd); n != 0 {
		t.Fatalf("a refused add was audited %d times", n)
	}
	// The User Manager, who sees people and manages projects, still finds them.
	env.user("pm2@acme.test", "standard", "active", "user_manager", "project_manager")
	res = env.signedIn("pm2@acme.test").get(projectPath(pr, "?gq=hidden"))
	if !strings.Contains(res.body, "hidden.person@acme.test") {
		t.Fatalf("a viewer of people no longer finds them:\n%s", snippet(res.body))
	}
	wantStatus(t, env.signedIn("pm2@acme.test").get(fmt.Sprintf("/users/%d/projects/add", secret.ID)), http.StatusOK)
}

// TestIssue16_RefreshKeepsTheViewUnderTenantPrefix: pages live under
// /t/<slug>/, and the table swapped out of band after a change is rebuilt
// from the page's address (HX-Current-URL): its search and filters hold
// with the prefix too. An address of another tenant's pages is not read.
func TestIssue16_RefreshKeepsTheViewUnderTenantPrefix(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("zoe@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	create := func(login, current string) []string {
		form := url.Values{"login": {login}, "first_name": {"New"}, "last_name": {login}, "email": {login + "@acme.test"},
			"language": {"en"}, "time_zone": {"UTC"}, "currency": {"usd"}, "user_type": {"standard"},
			"auth_method": {"password"}, "password": {"a long enough passphrase"}, "status": {"active"},
			"role": {fmt.Sprint(env.roles["member"])}}
		res := c.post("/users", form, append(htmx("sidebar"), "HX-Current-URL", env.srv.URL+current)...)
		wantStatus(t, res, http.StatusOK)
		var names []string
		res.doc.Find(`#users-table[hx-swap-oob] td.name`).Each(func(_ int, s *goquery.Selection) { names = append(names, strings.TrimSpace(s.Text())) })
		return names
	}
	if got := create("nina", "/t/"+env.tenant.Slug+"/users?q=zoe"); len(got) != 1 || !strings.Contains(got[0], "Zoe") {
		t.Fatalf("the refreshed table under /t/%s/ lost its search: %q", env.tenant.Slug, got)
	}
	if got := create("omar", "/t/someone-else/users?q=zoe"); len(got) < 3 {
		t.Fatalf("another tenant's address was read as this page's view: %q", got)
	}
}
