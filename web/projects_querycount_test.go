package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestProjectPageQueryCountIsConstant: the tab costs the same statements with
// one member or 200, through teams and one by one.
func TestProjectPageQueryCountIsConstant(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
	ctx := context.Background()
	by := actorFor(env)
	pr := env.project("Apollo")
	g := env.group("Crew")
	one := env.user("one@acme.test", "standard", "active")
	if err := env.st.AddProjectUsers(ctx, by, pr.ID, []int64{one.ID}, "write", true); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectTeams(ctx, by, pr.ID, []int64{g.ID}, "write"); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	count := func(path string, headers ...string) int64 {
		before := env.st.Statements()
		wantStatus(t, c.get(path, headers...), http.StatusOK)
		return env.st.Statements() - before
	}
	tab, side, sidebar := count(projectPath(pr, "")), count(projectPath(pr, ""), htmx("pp-project")...), count("/users/"+id(one)+"/edit", htmx("sidebar")...)
	ids := env.seedUsers("Lot", 200)
	if _, err := env.st.AddMembers(ctx, by, g.ID, ids[:150]); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectUsers(ctx, by, pr.ID, ids[100:], "read", true); err != nil { // 50 of them on two teams
		t.Fatal(err)
	}
	for i := range 20 {
		extra := env.project(fmt.Sprintf("Extra %02d", i))
		if err := env.st.AddProjectUsers(ctx, by, extra.ID, []int64{one.ID}, "write", i%2 == 0); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(projectPath(pr, "")); n != tab {
		t.Errorf("the tab ran %d statements, %d with one member", n, tab)
	}
	if n := count(projectPath(pr, ""), htmx("pp-project")...); n != side {
		t.Errorf("the project panel ran %d statements, %d with one member", n, side)
	}
	if n := count("/users/"+id(one)+"/edit", htmx("sidebar")...); n != sidebar {
		t.Errorf("the sidebar ran %d statements with 21 projects, %d with one", n, sidebar)
	}
	res := c.get(projectPath(pr, ""))
	if got := ptext(res, "#pp-problems h2"); !strings.Contains(got, "50 misconfigured") {
		t.Errorf("problems heading %q", got)
	}
	if n := res.doc.Find("#pp-project .pp-person").Length(); n != projectPeoplePerPage {
		t.Errorf("%d people on the first page", n)
	}
}
