package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Issue 16, defect 17: the Roles page says how many hold each role, directly or through a group.
func TestIssue16RolesPageCounts(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	g := env.group("Support", "auditor")
	ann := env.user("ann@acme.test", "standard", "active", "auditor")
	bob := env.user("bob@acme.test", "standard", "active")
	if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, []int64{ann.ID, bob.ID}); err != nil {
		t.Fatal(err)
	}
	res := env.signedIn("admin@acme.test").get("/roles")
	wantStatus(t, res, http.StatusOK)
	if got := text(res.doc.Find(fmt.Sprintf("#role-%d-holders", env.roles["auditor"]))); got != "2 users" {
		t.Fatalf("auditor held by %q, want 2 users (Ann counted once)", got)
	}
}

// Issue 16, what peers have: the role page lists who holds it, directly or through which group.
func TestIssue16RoleHolders(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	g := env.group("Support", "auditor")
	ann := env.user("ann@acme.test", "standard", "active", "auditor")
	bob := env.user("bob@acme.test", "standard", "active")
	env.user("cid@acme.test", "standard", "active")
	if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	env.user("pat@acme.test", "standard", "active", "project_manager") // users.view suffices to read
	c := env.signedIn("pat@acme.test")
	res := c.get(fmt.Sprintf("/roles/%d", env.roles["auditor"]))
	wantStatus(t, res, http.StatusOK)
	rows := res.doc.Find("#role-holders li")
	if rows.Length() != 2 || !strings.Contains(text(rows.Eq(0)), "Ann") || !strings.Contains(text(rows.Eq(0)), "direct") ||
		!strings.Contains(text(rows.Eq(1)), "through group Support") {
		t.Fatalf("holders:\n%s", snippet(res.body))
	}
	if href := rows.Eq(1).Find("a").AttrOr("href", ""); !strings.HasSuffix(href, fmt.Sprintf("/users/%d/edit", bob.ID)) {
		t.Fatalf("bob's link: %q", href)
	}
	_ = ann
	other, otherRoles := env.newTenant("Other", "other")
	_ = other
	wantStatus(t, c.get(fmt.Sprintf("/roles/%d", otherRoles["auditor"])), http.StatusNotFound)
}
