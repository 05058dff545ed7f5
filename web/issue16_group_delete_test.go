package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// Issue 16, defect 10: a group with members is deleted after a confirmation
// naming the count; its members lose only the access it gives.
func TestIssue16DeleteNonEmptyGroupConfirmed(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	support := env.group("Support", "auditor")
	other := env.group("Other", "project_manager")
	bob := env.user("bob@acme.test", "standard", "active", "user_manager")
	ids := append(env.seedUsers("Held", 3), bob.ID)
	if _, err := env.st.AddMembers(ctx, actorFor(env), support.ID, ids); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, actorFor(env), other.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	page := c.get(fmt.Sprintf("/groups/%d", support.ID))
	if msg := text(page.doc.Find("#group-delete-zone")); !strings.Contains(msg, "It has 4 members") {
		t.Fatalf("the delete section does not say what deleting does: %q", msg)
	}
	del := fmt.Sprintf("/groups/%d/delete", support.ID)

	// Without a confirmation: refused, the question names the count.
	res := c.post(del, nil, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	q := text(res.doc.Find("#group-delete-question"))
	if q != "Delete Support? Its 4 members lose the access it gives; nothing else changes." {
		t.Fatalf("the question: %q\n%s", q, snippet(res.body))
	}
	if v := res.doc.Find(`#group-delete-zone input[name=confirm_members]`).AttrOr("value", ""); v != "4" {
		t.Fatalf("the confirm form sends %q, want the count 4", v)
	}
	if env.members(support) != 4 {
		t.Fatal("an unconfirmed delete changed the group")
	}
	// A count that moved since is asked again, with the count as it stands.
	res = c.post(del, url.Values{"confirm_members": {"3"}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Find("#group-delete-question")), "Its 4 members") {
		t.Fatal("a stale confirmation is not asked again")
	}
	if _, err := env.st.Group(ctx, env.tenant.ID, support.ID); err != nil {
		t.Fatal("a stale confirmation deleted the group")
	}
	// The API refuses the same way unless it gives the same confirmation.
	key, _ := env.keyFor(env.admin, time.Time{})
	api := env.call(key, "DELETE", fmt.Sprintf("/groups/%d", support.ID), nil)
	wantAPI(t, api, http.StatusConflict)
	if !strings.Contains(api.raw, "confirm_members=4") {
		t.Fatalf("the API's refusal does not say how to confirm: %s", api.raw)
	}
	wantAPI(t, env.call(key, "DELETE", fmt.Sprintf("/groups/%d?confirm_members=2", support.ID), nil), http.StatusConflict)
	wantAPI(t, env.call(key, "DELETE", fmt.Sprintf("/groups/%d?confirm_members=x", support.ID), nil), http.StatusUnprocessableEntity)
	if env.members(support) != 4 {
		t.Fatal("a refused API delete changed the group")
	}
	// A second group goes through the API with the confirmation.
	third := env.group("Third")
	if _, err := env.st.AddMembers(ctx, actorFor(env), third.ID, ids[:2]); err != nil {
		t.Fatal(err)
	}
	wantAPI(t, env.call(key, "DELETE", fmt.Sprintf("/groups/%d?confirm_members=2", third.ID), nil), http.StatusNoContent)

	res = c.post(del, url.Values{"confirm_members": {"4"}}, htmx("group-page")...)
	if res.StatusCode != http.StatusNoContent || res.Header.Get("HX-Redirect") != tp("/groups?deleted=1") {
		t.Fatalf("confirmed delete: %d %q\n%s", res.StatusCode, res.Header.Get("HX-Redirect"), snippet(res.body))
	}
	if _, err := env.st.Group(ctx, env.tenant.ID, support.ID); err == nil {
		t.Fatal("the group is still there")
	}
	// Bob keeps his direct role and his other group; only Support's role went.
	if got := env.directRoles(bob.ID); !slices.Equal(got, []int64{env.roles["user_manager"]}) {
		t.Fatalf("bob's direct roles: %v", got)
	}
	held, _ := env.st.HeldRoles(ctx, env.tenant.ID, bob.ID)
	var names []string
	for _, h := range held {
		names = append(names, fmt.Sprintf("%d/%s", h.RoleID, h.GroupName))
	}
	want := []string{fmt.Sprintf("%d/", env.roles["user_manager"]), fmt.Sprintf("%d/Other", env.roles["project_manager"])}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("bob holds %v, want %v", names, want)
	}
	if env.members(other) != 1 {
		t.Fatal("the other group lost its member")
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.delete", TargetType: "group", TargetID: support.ID})
	if len(ev) != 1 || ev[0].ActorID != env.admin.ID || !strings.Contains(fmt.Sprint(ev[0].Details), "members:4") {
		t.Fatalf("delete not audited with its members: %+v", ev)
	}
}

// Another tenant's group is not found; an actor without groups.manage may not delete.
func TestIssue16DeleteGroupScope(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	g := env.group("Support")
	bob := env.user("bob@acme.test", "standard", "active")
	if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	other, otherRoles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, otherRoles, "stranger@other.test", "standard", "active", "member")
	theirs, err := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, store.Actor{TenantID: other.ID}, theirs.ID, []int64{stranger.ID}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	res := c.post(fmt.Sprintf("/groups/%d/delete", theirs.ID), url.Values{"confirm_members": {"1"}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusNotFound)
	if _, err := env.st.Group(ctx, other.ID, theirs.ID); err != nil {
		t.Fatal("their group was deleted")
	}
	env.user("pat@acme.test", "standard", "active", "project_manager") // users.view, no groups.manage
	pc := env.signedIn("pat@acme.test")
	res = pc.post(fmt.Sprintf("/groups/%d/delete", g.ID), url.Values{"confirm_members": {"1"}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusForbidden)
	if env.members(g) != 1 {
		t.Fatal("a refused delete changed the group")
	}
	// A User Manager may delete groups, but not one whose members would lose
	// access she could not give: the group page says so (422), not a bare 403.
	pm := env.group("Project leads")
	if err := env.st.SetGroupRoles(ctx, actorFor(env), pm.ID, []int64{env.roles["project_manager"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, actorFor(env), pm.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	env.user("uma@acme.test", "standard", "active", "user_manager")
	res = env.signedIn("uma@acme.test").post(fmt.Sprintf("/groups/%d/delete", pm.ID), url.Values{"confirm_members": {"1"}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if res.doc.Find("#group-page, .group-page").Length() == 0 || res.doc.Find(`[role="alert"]`).Length() == 0 {
		t.Fatalf("the refusal is not said on the group page:\n%s", snippet(res.body))
	}
	if env.members(pm) != 1 {
		t.Fatal("a refused delete changed the group")
	}
}
