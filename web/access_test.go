package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestSidebarAccessShowsSources: each role with where it comes from, and
// what the roles add up to after the user type.
func TestSidebarAccessShowsSources(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	by := actorFor(env)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	g, err := env.st.CreateGroup(ctx, by, "Auditeurs d'Île-de-France", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, by, g.ID, []int64{env.roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, by, g.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	side := c.get("/users/"+id(bob)+"/edit", htmx("sidebar")...)
	wantStatus(t, side, http.StatusOK)
	access := side.doc.Find("section.access")
	text := strings.Join(strings.Fields(access.Text()), " ")
	for _, want := range []string{"Member direct", "Auditor via group Auditeurs d'Île-de-France", "Resulting permissions"} {
		if !strings.Contains(text, want) {
			t.Fatalf("Access section lacks %q:\n%s", want, text)
		}
	}
	if href, _ := access.Find("a").Attr("href"); href != tp(fmt.Sprintf("/groups/%d", g.ID)) {
		t.Fatalf("the group is not linked: %q", href)
	}
	// The inherited role shows in the users table, marked as inherited.
	row := c.get("/users?q=bob").doc.Find("#user-" + id(bob))
	if !strings.Contains(row.Find(".chip.inherited").Text(), "Auditor") {
		t.Fatal("the users table does not show the inherited role")
	}
	if c.get(fmt.Sprintf("/users?role=%d", env.roles["auditor"])).doc.Find("#user-"+id(bob)).Length() != 1 {
		t.Fatal("the role filter does not match an inherited role")
	}
	// A read-only user keeps read permissions only, and says why.
	ro := env.user("ro@acme.test", "read_only", "active", "user_manager")
	side = c.get("/users/"+id(ro)+"/edit", htmx("sidebar")...)
	text = side.doc.Find("section.access").Text()
	if !strings.Contains(text, "Read-only") || strings.Contains(text, "Manage users") {
		t.Fatalf("read-only access:\n%s", text)
	}
}

// TestSidebarQueriesDoNotGrowWithGroups: a user in 50 groups of 5 roles each
// gets the sidebar for the same number of statements as a user in one group.
func TestSidebarQueriesDoNotGrowWithGroups(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
	ctx := context.Background()
	by := actorFor(env)
	one := env.user("one@acme.test", "standard", "active")
	many := env.user("many@acme.test", "standard", "active")
	var roleIDs []int64
	for i := range 250 {
		id, err := env.st.CreateRole(ctx, by, store.RoleSpec{Name: fmt.Sprintf("Role %03d", i), Permissions: []string{"users.view"}})
		if err != nil {
			t.Fatal(err)
		}
		roleIDs = append(roleIDs, id)
	}
	for i := range 50 {
		g, err := env.st.CreateGroup(ctx, by, fmt.Sprintf("Group %02d", i), "")
		if err != nil {
			t.Fatal(err)
		}
		if err := env.st.SetGroupRoles(ctx, by, g.ID, roleIDs[i*5:i*5+5]); err != nil {
			t.Fatal(err)
		}
		members := []int64{many.ID}
		if i == 0 {
			members = append(members, one.ID)
		}
		if _, err := env.st.AddMembers(ctx, by, g.ID, members); err != nil {
			t.Fatal(err)
		}
	}
	c := env.signedIn("admin@acme.test")
	count := func(a store.Account) (int64, response) {
		before := env.st.Statements()
		res := c.get("/users/"+id(a)+"/edit", htmx("sidebar")...)
		wantStatus(t, res, http.StatusOK)
		return env.st.Statements() - before, res
	}
	n1, _ := count(one)
	n50, res := count(many)
	if n1 != n50 {
		t.Fatalf("sidebar: %d statements for 1 group, %d for 50", n1, n50)
	}
	if got := res.doc.Find("section.access .access-roles li").Length(); got != 250 {
		t.Fatalf("Access lists %d roles, want 250", got)
	}
}
