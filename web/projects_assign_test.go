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

func TestProjectAssignments(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
