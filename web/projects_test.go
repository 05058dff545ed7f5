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

func (e *testEnv) project(name string) store.Project {
	e.t.Helper()
	p, err := e.st.CreateProject(context.Background(), actorFor(e), name, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// french switches an account's language setting to French.
func (e *testEnv) french(a store.Account) {
	e.t.Helper()
	pf := profileOf(a, a.FirstName, a.LastName)
	pf.Language = "fr"
	if _, err := e.st.UpdateProfile(context.Background(), actorFor(e), a.ID, pf); err != nil {
		e.t.Fatal(err)
	}
}

func projectPath(p store.Project, suffix string) string {
	return fmt.Sprintf("/projects/%d%s", p.ID, suffix)
}

func ptext(res response, sel string) string {
	return strings.Join(strings.Fields(res.doc.Find(sel).Text()), " ")
}

// TestProjectTeamAndAccessRules: each person must be on exactly one team; their
// access is their team's, capped at Read Only for a read-only user, and a
// misconfigured person's access is shown as such, never guessed.
func TestProjectTeamAndAccessRules(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name         string
		userType     string
		individual   bool   // added one by one
		ownTeam      bool   // ... with Team ticked
		ownAccess    string // ... with this access
		groups       []string
		wantAccess   string // the badge on the person's row
		wantProblem  string // the reason, "" when configured right
		wantErrCount int
	}{
		{"zero teams: added one by one, Team unticked", "standard", true, false, "write", nil, "Misconfigured", "on no team", 1},
		{"one team: a team of one", "standard", true, true, "read", nil, "Read Only", "", 0},
		{"one team: through a group", "standard", false, false, "", []string{"Alpha"}, "Write", "", 0},
		{"one team: a group with read access", "standard", false, false, "", []string{"Beta"}, "Read Only", "", 0},
		{"two teams: own team and a group", "standard", true, true, "write", []string{"Alpha"}, "Misconfigured", "on teams their own team and Alpha", 1},
		{"two teams: two groups", "standard", false, false, "", []string{"Alpha", "Beta"}, "Misconfigured", "on teams Alpha and Beta", 1},
		{"group member added again without Team: still one team", "standard", true, false, "write", []string{"Beta"}, "Read Only", "", 0},
		{"read-only cap: a write team gives Read Only", "read_only", true, true, "write", nil, "Read Only", "", 0},
		{"read-only cap: through a write group", "read_only", false, false, "", []string{"Alpha"}, "Read Only", "", 0},
		{"read-only and misconfigured: misconfigured, not guessed", "read_only", true, true, "write", []string{"Alpha"}, "Misconfigured", "on teams their own team and Alpha", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newEnv(t)
			by := actorFor(env)
			u := env.user("pat@acme.test", tc.userType, "active")
			pr := env.project("Apollo")
			groups := map[string]store.Group{"Alpha": env.group("Alpha"), "Beta": env.group("Beta")}
			if err := env.st.AddProjectTeams(ctx, by, pr.ID, []int64{groups["Alpha"].ID}, "write"); err != nil {
				t.Fatal(err)
			}
			if err := env.st.AddProjectTeams(ctx, by, pr.ID, []int64{groups["Beta"].ID}, "read"); err != nil {
				t.Fatal(err)
			}
			for _, g := range tc.groups {
				if _, err := env.st.AddMembers(ctx, by, groups[g].ID, []int64{u.ID}); err != nil {
					t.Fatal(err)
				}
			}
			if tc.individual {
				if err := env.st.AddProjectUsers(ctx, by, pr.ID, []int64{u.ID}, tc.ownAccess, tc.ownTeam); err != nil {
					t.Fatal(err)
				}
			}
			c := env.signedIn("admin@acme.test")
			res := c.get(projectPath(pr, ""))
			wantStatus(t, res, http.StatusOK)
			row := fmt.Sprintf("#pp-person-%d", u.ID)
			if got := ptext(res, row+" .ug-item .badge"); !strings.HasPrefix(got, tc.wantAccess) {
				t.Errorf("access badge %q, want %q", got, tc.wantAccess)
			}
			if got := ptext(res, row+" p.pp-reason"); got != tc.wantProblem {
				t.Errorf("row reason %q, want %q", got, tc.wantProblem)
			}
			problem := ptext(res, fmt.Sprintf("#pp-problem-%d", u.ID))
			if tc.wantProblem == "" && problem != "" || !strings.Contains(problem, tc.wantProblem) {
				t.Errorf("misconfiguration panel says %q, want %q", problem, tc.wantProblem)
			}
			if tc.wantErrCount > 0 && !strings.Contains(ptext(res, "#pp-problems h2"), fmt.Sprintf("%d misconfigured", tc.wantErrCount)) {
				t.Errorf("panel heading %q", ptext(res, "#pp-problems h2"))
			}
			list := c.get("/projects?misconfigured=1")
			if got := list.doc.Find(fmt.Sprintf("#pr-row-%d", pr.ID)).Length(); got != tc.wantErrCount {
				t.Errorf("Misconfigured filter lists the project %d times, want %d", got, tc.wantErrCount)
			}
			// The sidebar says the same, from its one query.
			side := c.get("/users/"+id(u)+"/edit", htmx("sidebar")...)
			wantStatus(t, side, http.StatusOK)
			got := ptext(side, ".user-projects li")
			if !strings.Contains(got, "Apollo "+tc.wantAccess) || !strings.Contains(got, tc.wantProblem) {
				t.Errorf("sidebar says %q, want %q and %q", got, tc.wantAccess, tc.wantProblem)
			}
		})
	}
}

func TestProjectList(t *testing.T) {
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	long := strings.Repeat("x", 101)
	for _, tc := range []struct {
		name, project, description string
		status                     int
		want                       string
	}{
		{"created", "Apollo", "Moon", http.StatusSeeOther, ""},
		{"duplicate in another case", "APOLLO", "", http.StatusUnprocessableEntity, "Another project already has this name."},
		{"empty", "  ", "", http.StatusUnprocessableEntity, "This field is required."},
		{"long name", long, "", http.StatusUnprocessableEntity, "Use at most 100 characters."},
		{"long description", "Zeus", strings.Repeat("d", 301), http.StatusUnprocessableEntity, "Use at most 300 characters."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.post("/projects", url.Values{"name": {tc.project}, "description": {tc.description}})
			wantStatus(t, res, tc.status)
			if tc.want != "" && !strings.Contains(ptext(res, ".field-error"), tc.want) {
				t.Errorf("errors %q, want %q", ptext(res, ".field-error"), tc.want)
			}
		})
	}
	if n := len(mustProjects(t, env, store.ProjectFilter{IncludeArchived: true})); n != 1 {
		t.Fatalf("%d projects, want 1", n)
	}
	zeus := env.project("Zeus")
	res := c.post(projectPath(zeus, ""), url.Values{"name": {"Zeus"}, "description": {"Old"}, "archived": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	res = c.get("/projects")
	if strings.Contains(res.body, "Zeus") || !strings.Contains(res.body, "Apollo") {
		t.Fatal("an archived project is listed, or Apollo is not")
	}
	if res = c.get("/projects?archived=1"); !strings.Contains(ptext(res, "#pr-table"), "Zeus Archived") {
		t.Fatalf("Show archived: %q", ptext(res, "#pr-table"))
	}
	if res = c.get("/projects?q=apo", htmx("pr-table")...); strings.Contains(res.body, "<html") || !strings.Contains(res.body, "Apollo") {
		t.Fatal("search fragment")
	}
	// Keyset pages: 60 projects make two pages.
	for i := range 60 {
		env.project(fmt.Sprintf("P%02d", i))
	}
	res = c.get("/projects")
	next, _ := res.doc.Find("#pr-next").Attr("href")
	if res.doc.Find("tbody tr").Length() != projectsPerPage || next == "" {
		t.Fatalf("first page has %d rows, next %q", res.doc.Find("tbody tr").Length(), next)
	}
	if res = c.get(next); res.doc.Find("tbody tr").Length() != 11 {
		t.Fatalf("second page has %d rows", res.doc.Find("tbody tr").Length())
	}
	// French.
	env.french(env.admin)
	if res = c.get("/projects"); !strings.Contains(res.body, "Mal configurés seulement") {
		t.Fatal("no French")
	}
}

func mustProjects(t *testing.T, env *testEnv, f store.ProjectFilter) []store.Project {
	t.Helper()
	ps, err := env.st.Projects(context.Background(), env.tenant.ID, f)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestProjectAssignments(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	ann := env.user("ann@acme.test", "standard", "active")
	bob := env.user("bob@acme.test", "standard", "active")
	sales := env.group("Sales")
	if _, err := env.st.AddMembers(ctx, actorFor(env), sales.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	pr := env.project("Apollo")
	other, otherRoles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, otherRoles, "stranger@other.test", "standard", "active")
	otherGroup, err := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	otherProject, err := env.st.CreateProject(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	hx := htmx("pp-project")
	ok := func(path string, form url.Values) response {
		t.Helper()
		res := c.post(path, form, hx...)
		wantStatus(t, res, http.StatusOK)
		return res
	}
	ok(projectPath(pr, "/users"), url.Values{"account_id": {id(ann)}, "access": {"write"}, "team": {"1"}})
	ok(projectPath(pr, "/teams"), url.Values{"group_id": {fmt.Sprint(sales.ID)}, "access": {"read"}})

	for _, tc := range []struct {
		name, path string
		form       url.Values
		status     int
		want       string
	}{
		{"the same user twice", "/users", url.Values{"account_id": {id(ann)}, "access": {"write"}}, 422, "already on this project"},
		{"a group twice as a team", "/teams", url.Values{"group_id": {fmt.Sprint(sales.ID)}, "access": {"write"}}, 422, "already on this project"},
		{"an access other than read or write", "/users", url.Values{"account_id": {id(bob)}, "access": {"admin"}}, 422, "Read Only or Write"},
		{"no access at all", "/teams", url.Values{"group_id": {fmt.Sprint(sales.ID)}}, 422, "Read Only or Write"},
		{"another tenant's user", "/users", url.Values{"account_id": {id(bob), id(stranger)}, "access": {"write"}}, 422, "does not belong to this tenant"},
		{"another tenant's group", "/teams", url.Values{"group_id": {fmt.Sprint(otherGroup.ID)}, "access": {"write"}}, 422, "does not belong to this tenant"},
		{"removing a group not assigned", "/remove", url.Values{"remove_team": {fmt.Sprint(sales.ID + 100)}}, 422, "not on this project"},
		{"removing a user not assigned", "/remove", url.Values{"remove_user": {id(bob)}, "remove_team": {fmt.Sprint(sales.ID)}}, 422, "not on this project"},
		{"nothing ticked", "/users", url.Values{"access": {"write"}}, 422, "Tick at least one user"},
		{"a bad id", "/users", url.Values{"account_id": {"x"}, "access": {"write"}}, 422, "does not exist"},
		{"changing someone not assigned", "/user", url.Values{"account_id": {id(bob)}, "access": {"read"}}, 422, "not on this project"},
		{"changing a team not assigned", "/team", url.Values{"group_id": {fmt.Sprint(otherGroup.ID)}, "access": {"read"}}, 422, "not on this project"},
		{"a bad access in place", "/team", url.Values{"group_id": {fmt.Sprint(sales.ID)}, "access": {"owner"}}, 422, "Read Only or Write"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			events := auditCount(t, env, "")
			res := c.post(projectPath(pr, tc.path), tc.form, hx...)
			wantStatus(t, res, tc.status)
			if got := ptext(res, "#pp-status"); !strings.Contains(got, tc.want) {
				t.Errorf("status %q, want %q", got, tc.want)
			}
			if n := auditCount(t, env, ""); n != events {
				t.Errorf("a refused change wrote %d audit events", n-events)
			}
			if res.doc.Find("#pp-project").Length() != 1 {
				t.Error("the project panel is not in the answer")
			}
		})
	}
	p, _ := env.st.Project(ctx, env.tenant.ID, pr.ID)
	if p.Users != 1 || p.Teams != 1 || p.Errors != 0 {
		t.Fatalf("after refusals: %d users, %d teams, %d errors", p.Users, p.Teams, p.Errors)
	}

	// Another tenant's project is not found, on every route.
	for _, path := range []string{"", "/users", "/teams", "/remove", "/user", "/team", "/delete"} {
		res := c.post(fmt.Sprintf("/projects/%d%s", otherProject.ID, path), url.Values{"account_id": {id(ann)}, "access": {"write"}, "confirm": {"1"}})
		wantStatus(t, res, http.StatusNotFound)
	}
	wantStatus(t, c.get(fmt.Sprintf("/projects/%d", otherProject.ID)), http.StatusNotFound)

	// In place: Ann's Team box unticked makes her misconfigured; ticked again fixes it.
	res := ok(projectPath(pr, "/user"), url.Values{"account_id": {id(ann)}, "access": {"read"}})
	if !strings.Contains(ptext(res, "#pp-problems"), "1 misconfigured") || !strings.Contains(ptext(res, "#pp-problems"), "on no team") {
		t.Fatalf("misconfiguration panel: %q", ptext(res, "#pp-problems"))
	}
	if v, _ := res.doc.Find(fmt.Sprintf("#pp-user-access-%d option[selected]", ann.ID)).Attr("value"); v != "read" {
		t.Fatalf("Ann's access %q after the change", v)
	}
	res = ok(projectPath(pr, "/user"), url.Values{"account_id": {id(ann)}, "access": {"read"}, "team": {"1"}})
	if !strings.Contains(ptext(res, "#pp-problems"), "No misconfiguration") {
		t.Fatalf("misconfiguration panel: %q", ptext(res, "#pp-problems"))
	}
	ok(projectPath(pr, "/team"), url.Values{"group_id": {fmt.Sprint(sales.ID)}, "access": {"write"}})
	if n := auditCount(t, env, "project.teams.update"); n != 1 {
		t.Fatalf("%d team updates audited", n)
	}

	// A group that is a team cannot be deleted; the refusal names the project.
	res = c.post(fmt.Sprintf("/groups/%d/delete", sales.ID), nil)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(ptext(res, ".danger-zone .error"), "projects Apollo") {
		t.Fatalf("group delete refusal: %q", ptext(res, ".danger-zone .error"))
	}

	// Delete asks first, saying how many are assigned; confirm=1 deletes.
	res = c.post(projectPath(pr, "/delete"), nil, htmx("pp-delete")...)
	wantStatus(t, res, http.StatusOK)
	if got := ptext(res, "#pp-delete-confirm"); !strings.Contains(got, "1 users and 1 teams") {
		t.Fatalf("confirmation %q", got)
	}
	if _, err := env.st.Project(ctx, env.tenant.ID, pr.ID); err != nil {
		t.Fatal("deleted without confirmation")
	}
	res = c.post(projectPath(pr, "/delete"), url.Values{"confirm": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	if _, err := env.st.Project(ctx, env.tenant.ID, pr.ID); err == nil {
		t.Fatal("not deleted after confirmation")
	}
}

// TestProjectPlainForms: without JavaScript the buttons post the hidden form
// and come back to the tab, which says what changed.
func TestProjectPlainForms(t *testing.T) {
	env := newEnv(t)
	ann := env.user("ann@acme.test", "standard", "active")
	pr := env.project("Apollo")
	c := env.signedIn("admin@acme.test")
	res := c.post(projectPath(pr, "/users"), url.Values{"account_id": {id(ann)}, "access": {"write"}, "team": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	res = c.get(res.Header.Get("Location"))
	if !strings.Contains(ptext(res, "#pp-status"), "Users added") || res.doc.Find(fmt.Sprintf("#pp-person-%d", ann.ID)).Length() != 1 {
		t.Fatalf("after a plain add: %q", ptext(res, "#pp-status"))
	}
	res = c.post(projectPath(pr, "/users"), url.Values{"account_id": {id(ann)}, "access": {"write"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "<html") || !strings.Contains(ptext(res, "#pp-status"), "already") {
		t.Fatal("a refused plain form does not show the page with its message")
	}
	env.french(env.admin)
	if res = c.get(projectPath(pr, "")); !strings.Contains(res.body, "Ajouter les groupes comme équipes") {
		t.Fatal("no French")
	}
}

// TestProjectPageQueryCountIsConstant: the tab costs the same statements with
// one member or 200, through teams and one by one.
func TestProjectPageQueryCountIsConstant(t *testing.T) {
	env := newEnv(t)
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
