package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

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
