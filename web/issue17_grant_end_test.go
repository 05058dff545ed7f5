package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The user page's Access tab changes when a direct role or a membership
// ends, within the rules of every other change: a date, "No end", bad
// dates, a grant not held, another tenant's person, someone with less access.
func TestIssue17_GrantEndOnTheUserPage(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	env.user("boss@acme.test", "standard", "active", "user_manager", "member")
	env.user("member@acme.test", "standard", "active", "member")
	zoe := env.user("zoe@acme.test", "standard", "active", "member")
	ta := env.user("ta@acme.test", "standard", "active", "tenant_admin")
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Readers", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, actorFor(env), g.ID, []int64{env.roles["member"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, []int64{zoe.ID}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("boss@acme.test")
	pagePath := fmt.Sprintf("/users/%d/page?tab=access", zoe.ID)
	pg := c.get(pagePath)
	wantStatus(t, pg, http.StatusOK)
	if n := pg.doc.Find("#up16-panel .grant-end").Length(); n != 2 {
		t.Fatalf("%d end editors for a User Manager, want 2 (the direct role, the membership)", n)
	}
	if n := env.signedIn("member@acme.test").get(pagePath).doc.Find(".grant-end").Length(); n != 0 {
		t.Fatalf("a Member is offered %d end editors", n)
	}
	member := fmt.Sprint(env.roles["member"])
	date := time.Now().AddDate(0, 3, 0).UTC().Format(time.DateOnly)
	res := c.post(fmt.Sprintf("/users/%d/role-end", zoe.ID), url.Values{"role_id": {member}, "expires_at": {date}}, htmx("user-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(text(res.doc.Find(".notice")), "saved") {
		t.Errorf("no notice: %q", text(res.doc.Find(".notice")))
	}
	want, _ := time.Parse(time.DateOnly, date)
	if end := heldUntil(t, env, zoe, env.roles["member"]); !end.Equal(want) {
		t.Fatalf("Member ends %v, want %v", end, want)
	}
	if got := res.doc.Find(fmt.Sprintf("#end-0-%s", member)).AttrOr("value", ""); got != date {
		t.Errorf("the field shows %q after saving, want %q", got, date)
	}
	// No end (a full page: back to the tab)
	res = c.post(fmt.Sprintf("/users/%d/role-end", zoe.ID), url.Values{"role_id": {member}, "expires_at": {date}, "clear": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	if end := heldUntil(t, env, zoe, env.roles["member"]); !end.IsZero() {
		t.Fatalf("after No end, Member ends %v", end)
	}
	other, roles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, roles, "stranger@other.test", "standard", "active", "member")
	for name, tc := range map[string]struct {
		path   string
		form   url.Values
		status int
	}{
		"past date":          {fmt.Sprintf("/users/%d/role-end", zoe.ID), url.Values{"role_id": {member}, "expires_at": {"2001-01-01"}}, 422},
		"not a date":         {fmt.Sprintf("/users/%d/role-end", zoe.ID), url.Values{"role_id": {member}, "expires_at": {"soon"}}, 422},
		"a role not held":    {fmt.Sprintf("/users/%d/role-end", zoe.ID), url.Values{"role_id": {fmt.Sprint(env.roles["auditor"])}, "expires_at": {date}}, 422},
		"not an id":          {fmt.Sprintf("/users/%d/role-end", zoe.ID), url.Values{"role_id": {"x"}, "expires_at": {date}}, 422},
		"another tenant's":   {fmt.Sprintf("/users/%d/role-end", stranger.ID), url.Values{"role_id": {fmt.Sprint(roles["member"])}, "expires_at": {date}}, 404},
		"beyond the actor":   {fmt.Sprintf("/users/%d/role-end", ta.ID), url.Values{"role_id": {fmt.Sprint(env.roles["tenant_admin"])}, "expires_at": {date}}, 403},
		"a group not joined": {fmt.Sprintf("/users/%d/group-end", zoe.ID), url.Values{"group_id": {"999999"}, "expires_at": {date}}, 422},
	} {
		res := c.post(tc.path, tc.form, htmx("user-page")...)
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d", name, res.StatusCode, tc.status)
		}
	}
	if end := heldUntil(t, env, zoe, env.roles["member"]); !end.IsZero() {
		t.Fatalf("a refused change left Member ending %v", end)
	}
	for _, path := range []string{"role-end", "group-end"} {
		if res := env.signedIn("member@acme.test").post(fmt.Sprintf("/users/%d/%s", zoe.ID, path), url.Values{"role_id": {member},
			"group_id": {fmt.Sprint(g.ID)}, "expires_at": {date}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a Member changed an end (%s): %d", path, res.StatusCode)
		}
	}
	if res := c.post(fmt.Sprintf("/users/%d/role-end", zoe.ID), url.Values{"_csrf": {"forged"}, "role_id": {member}, "expires_at": {date}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a forged CSRF token: %d", res.StatusCode)
	}
	// The membership's end.
	res = c.post(fmt.Sprintf("/users/%d/group-end", zoe.ID), url.Values{"group_id": {fmt.Sprint(g.ID)}, "expires_at": {date}}, htmx("user-page")...)
	wantStatus(t, res, http.StatusOK)
	held, _ := env.st.HeldRoles(ctx, env.tenant.ID, zoe.ID)
	for _, h := range held {
		if h.GroupID == g.ID && !h.ExpiresAt.Equal(want) {
			t.Errorf("the membership ends %v, want %v", h.ExpiresAt, want)
		}
	}
}
