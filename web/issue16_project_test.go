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

// misconfiguredProject is Apollo with three causes of misconfiguration: seven
// people on both Support and Ingénierie, two on no team (added one by one
// without Team) and one on their own team and Support.
func misconfiguredProject(t *testing.T, env *testEnv) (pr store.Project, support, inge store.Group, both, none []int64, own int64) {
	t.Helper()
	ctx, by := context.Background(), actorFor(env)
	pr = env.project("Apollo")
	support, inge = env.group("Support"), env.group("Ingénierie")
	ids := env.seedUsers("Pat", 10)
	both, none, own = ids[:7], ids[7:9], ids[9]
	if _, err := env.st.AddMembers(ctx, by, support.ID, append(append([]int64{}, both...), own)); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, by, inge.ID, both); err != nil {
		t.Fatal(err)
	}
	for _, g := range []store.Group{support, inge} {
		if err := env.st.AddProjectTeams(ctx, by, pr.ID, []int64{g.ID}, "write"); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.st.AddProjectUsers(ctx, by, pr.ID, none, "write", false); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectUsers(ctx, by, pr.ID, []int64{own}, "read", true); err != nil {
		t.Fatal(err)
	}
	return
}

func causeLines(res response) []string {
	var out []string
	res.doc.Find("#pp-problems .i16p-cause .i16p-cause-text").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(s.Text()), " "))
	})
	return out
}

// TestIssue16ProjectProblemsGrouped (defect 5): the misconfigured are one line
// per cause with its count, a few names linked to their row and "and N more",
// folded above the panels, which show at once; no other project is listed.
func TestIssue16ProjectProblemsGrouped(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	pr, support, inge, both, _, _ := misconfiguredProject(t, env)
	env.project("Hermes")
	c := env.signedIn("admin@acme.test")
	res := c.get(projectPath(pr, ""))
	wantStatus(t, res, http.StatusOK)
	want := []string{"7 people are on both Support and Ingénierie", "2 people are on no team",
		"1 person is on both their own team (Team ticked) and Support"}
	if got := causeLines(res); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("causes %q, want %q", got, want)
	}
	if got := ptext(res, "#pp-problems h2"); !strings.Contains(got, "10 misconfigured") {
		t.Fatalf("heading %q", got)
	}
	key := fmt.Sprintf("#pp-cause-none-%d-%d", support.ID, inge.ID)
	links := res.doc.Find(key + " .i16p-cause-people a")
	if links.Length() != 5 || !strings.HasSuffix(ptext(res, key+" .i16p-cause-people"), "and 2 more") {
		t.Fatalf("%d names shown: %q", links.Length(), ptext(res, key+" .i16p-cause-people"))
	}
	if href := res.doc.Find(fmt.Sprintf("#pp-problem-%d", both[0])).AttrOr("href", ""); href != tp(fmt.Sprintf("/users/%d/edit", both[0])) {
		t.Fatalf("the first name links to %q", href)
	}
	for sel, label := range map[string]string{
		fmt.Sprintf("#pp-fix-remove_team-%s-%d", key[10:], support.ID): "Remove team Support",
		fmt.Sprintf("#pp-fix-remove_team-%s-%d", key[10:], inge.ID):    "Remove team Ingénierie",
		"#pp-fix-tick-none": "Tick Team for these people",
		fmt.Sprintf("#pp-fix-untick-own-%d", support.ID): "Untick Team for these people",
	} {
		if got := ptext(res, sel); got != label {
			t.Errorf("button %s says %q, want %q", sel, got, label)
		}
	}
	// Folded: one line above the panels, which are on the page.
	if res.doc.Find("#pp-problems details[open]").Length() != 0 || res.doc.Find("#pp-problems details").Length() != 1 {
		t.Fatal("the misconfigurations are not folded")
	}
	if res.doc.Find(".ug-panels #pp-groups").Length() != 1 || res.doc.Find(".ug-panels #pp-project").Length() != 1 {
		t.Fatal("the panels are missing")
	}
	if strings.Contains(res.body, "Hermes") || res.doc.Find("#pp-projects").Length() != 0 {
		t.Fatal("the page lists another project")
	}
	env.french(env.admin)
	res = c.get(projectPath(pr, ""))
	if got := causeLines(res); len(got) != 3 || got[0] != "7 personnes sont à la fois dans Support et Ingénierie" {
		t.Fatalf("French causes %q", got)
	}
}

// TestIssue16ProjectFix (defect 5): each fix is a button through an
// operation that removes the conflict and writes its audit event; refused to
// an actor without projects.manage (403) and for another tenant's project (404).
func TestIssue16ProjectFix(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	pr, support, inge, _, none, own := misconfiguredProject(t, env)
	env.user("viewer@acme.test", "standard", "active", "auditor")
	other, _ := env.newTenant("Other", "other")
	theirs, err := env.st.CreateProject(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	errs := func() int {
		p, err := env.st.Project(ctx, env.tenant.ID, pr.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p.Errors
	}
	gid := func(g store.Group) string { return fmt.Sprint(g.ID) }
	removeInge := func() url.Values { // fresh each time: post adds its token to the form
		return url.Values{"kind": {"remove_team"}, "group_id": {gid(support), gid(inge)}, "remove": {gid(inge)}}
	}

	viewer := env.signedIn("viewer@acme.test")
	wantStatus(t, viewer.get(projectPath(pr, "")), http.StatusOK)
	if res := viewer.post(projectPath(pr, "/fix"), removeInge(), htmx("pp-project")...); strings.Contains(res.body, "form has expired") {
		t.Fatal("the viewer's form is refused for its token, not its permission")
	}
	wantStatus(t, viewer.post(projectPath(pr, "/fix"), removeInge(), htmx("pp-project")...), http.StatusForbidden)
	c := env.signedIn("admin@acme.test")
	wantStatus(t, c.get(projectPath(pr, "")), http.StatusOK)
	wantStatus(t, c.post(fmt.Sprintf("/projects/%d/fix", theirs.ID), removeInge(), htmx("pp-project")...), http.StatusNotFound)
	if n := errs(); n != 10 {
		t.Fatalf("%d misconfigured after the refusals", n)
	}

	res := c.post(projectPath(pr, "/fix"), removeInge(), htmx("pp-project")...)
	wantStatus(t, res, http.StatusOK)
	if got := causeLines(res); len(got) != 2 || strings.Contains(strings.Join(got, "|"), "Ingénierie") {
		t.Fatalf("after removing Ingénierie: %q", got)
	}
	if !strings.Contains(res.body, "Team Ingénierie removed from the project.") || res.doc.Find("#pp-problems details[open]").Length() != 1 {
		t.Fatalf("no status, or the panel folded: %.300s", ptext(res, "#pp-status"))
	}
	if n := auditCount(t, env, string(store.ActionProjectTeamsRemove)); n != 1 {
		t.Fatalf("%d team removals audited", n)
	}

	res = c.post(projectPath(pr, "/fix"), url.Values{"kind": {"tick"}}, htmx("pp-project")...)
	wantStatus(t, res, http.StatusOK)
	for _, id := range none {
		if res.doc.Find(fmt.Sprintf("#pp-user-team-%d[checked]", id)).Length() != 1 {
			t.Fatalf("account %d's Team box is not ticked", id)
		}
	}
	res = c.post(projectPath(pr, "/fix"), url.Values{"kind": {"untick"}, "own": {"1"}, "group_id": {gid(support)}}, htmx("pp-project")...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(fmt.Sprintf("#pp-user-team-%d[checked]", own)).Length() != 0 || !strings.Contains(ptext(res, "#pp-problems"), "No misconfiguration") {
		t.Fatalf("after unticking: %q", ptext(res, "#pp-problems"))
	}
	if n := errs(); n != 0 {
		t.Fatalf("%d misconfigured after the fixes", n)
	}
	ev, err := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "project.users.team"})
	if err != nil || len(ev) != 2 {
		t.Fatalf("%d Team box events (%v)", len(ev), err)
	}
	// A cause fixed already is said so, and changes nothing.
	res = c.post(projectPath(pr, "/fix"), url.Values{"kind": {"tick"}}, htmx("pp-project")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "Nobody has this misconfiguration any more") {
		t.Fatalf("stale fix: %.200s", ptext(res, "#pp-status"))
	}
	// Without script the button posts and comes back to the page.
	res = c.post(projectPath(pr, "/fix"), url.Values{"kind": {"nonsense"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
}

// TestIssue16ProjectPeopleSearch (defect 6): with no groups the left panel
// says so (not "No groups match this search"); its search finds a person in
// no group, who is added to the project from there.
func TestIssue16ProjectPeopleSearch(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	loner := env.user("loner@acme.test", "standard", "active")
	pr := env.project("Apollo")
	c := env.signedIn("admin@acme.test")
	res := c.get(projectPath(pr, ""))
	wantStatus(t, res, http.StatusOK)
	if got := ptext(res, "#pp-groups"); !strings.Contains(got, "No groups yet.") || strings.Contains(got, "match") {
		t.Fatalf("empty tenant: %q", got)
	}
	res = c.get(projectPath(pr, "?gq=zzzz"), htmx("pp-groups")...)
	if got := ptext(res, "#pp-groups"); !strings.Contains(got, "No groups or people match “zzzz”.") {
		t.Fatalf("nothing found: %q", got)
	}
	res = c.get(projectPath(pr, "?gq=lon"), htmx("pp-groups")...)
	wantStatus(t, res, http.StatusOK)
	box := res.doc.Find(fmt.Sprintf("#pp-find-%d", loner.ID))
	if box.AttrOr("name", "") != "account_id" || box.AttrOr("form", "") != "pp" {
		t.Fatalf("Loner is not found to tick: %q", ptext(res, "#pp-groups"))
	}
	res = c.post(projectPath(pr, "/users"), url.Values{"account_id": {id(loner)}, "access": {"write"}, "team": {"1"}}, htmx("pp-project")...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(fmt.Sprintf("#pp-person-%d", loner.ID)).Length() != 1 {
		t.Fatal("Loner is not on the project")
	}
	env.group("Sales")
	res = c.get(projectPath(pr, ""))
	if strings.Contains(ptext(res, "#pp-groups"), "No groups yet") {
		t.Fatal("a tenant with a group says it has none")
	}
}

// TestIssue16UserProjectsAdd (defect 6): "Add to project" for one person lists
// the projects with an Add button, marks those they are on, adds through the
// operation (audited) and refreshes their Projects section; refused without
// projects.manage (403) and for another tenant's project (404).
func TestIssue16UserProjectsAdd(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	loner := env.user("loner@acme.test", "standard", "active")
	env.user("viewer@acme.test", "standard", "active", "auditor")
	apollo, hermes := env.project("Apollo"), env.project("Hermes")
	if err := env.st.AddProjectUsers(ctx, actorFor(env), hermes.ID, []int64{loner.ID}, "read", true); err != nil {
		t.Fatal(err)
	}
	other, _ := env.newTenant("Other", "other")
	theirs, err := env.st.CreateProject(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/users/%d/projects", loner.ID)
	c := env.signedIn("admin@acme.test")
	res := c.get(path+"/add", htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if ptext(res, fmt.Sprintf("#user-project-add-%d", apollo.ID)) != "Add" || ptext(res, fmt.Sprintf("#user-project-%d .badge", hermes.ID)) != "On it" {
		t.Fatalf("the list: %q", ptext(res, "#user-projects-add"))
	}
	if strings.Contains(res.body, "Theirs") {
		t.Fatal("another tenant's project is listed")
	}
	wantStatus(t, c.get(path+"/add"), http.StatusOK) // a full page too

	form := func(pid int64) url.Values {
		return url.Values{"project_id": {fmt.Sprint(pid)}, "access": {"write"}, "team": {"1"}}
	}
	viewer := env.signedIn("viewer@acme.test")
	wantStatus(t, viewer.get(path+"/add", htmx("sidebar")...), http.StatusForbidden)
	wantStatus(t, viewer.get("/users"), http.StatusOK)
	wantStatus(t, viewer.post(path, form(apollo.ID), htmx("user-projects-add")...), http.StatusForbidden)
	wantStatus(t, c.get("/users"), http.StatusOK)
	wantStatus(t, c.post(path, form(theirs.ID), htmx("user-projects-add")...), http.StatusNotFound)
	if n := auditCount(t, env, "project.users.add"); n != 1 {
		t.Fatalf("%d adds audited after the refusals", n)
	}

	res = c.post(path, form(apollo.ID), htmx("user-projects-add")...)
	wantStatus(t, res, http.StatusOK)
	if ptext(res, fmt.Sprintf("#user-project-%d .badge", apollo.ID)) != "On it" || !strings.Contains(ptext(res, "#user-projects-add-status"), "Loner Tester added to Apollo.") {
		t.Fatalf("after adding: %q", ptext(res, "#user-projects-add"))
	}
	if oob := res.doc.Find("#user-projects[hx-swap-oob]"); !strings.Contains(oob.Text(), "Apollo") {
		t.Fatal("the Projects section is not refreshed")
	}
	pr, _ := env.st.Project(ctx, env.tenant.ID, apollo.ID)
	if pr.Users != 1 || pr.Errors != 0 || auditCount(t, env, "project.users.add") != 2 {
		t.Fatalf("Apollo: %d people, %d misconfigured", pr.Users, pr.Errors)
	}
	res = c.post(path, form(apollo.ID), htmx("user-projects-add")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
}
