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
}

// Issue 16, defect 10: the group page searches its members (name, email or
// login, inside words), paged, and removes every match at once.
func TestIssue16GroupMemberSearch(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	g := env.group("Support")
	many := env.seedUsers("Alpha", 60)
	few := env.seedUsers("Beta", 3)
	outside := env.user("zoe.belanger@acme.test", "standard", "active") // not a member: never listed
	if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, append(append([]int64{}, many...), few...)); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	list := fmt.Sprintf("#members-%d", g.ID)

	// A fragment of an email finds the three, not the others nor a non-member.
	res := c.get(fmt.Sprintf("/groups/%d/members?mq=%s", g.ID, url.QueryEscape("ta00")), htmx(list[1:])...)
	wantStatus(t, res, http.StatusOK)
	names := text(res.doc.Find(list + " .member-rows"))
	if res.doc.Find(list+" .member-rows input[name=account_id]").Length() != 3 || !strings.Contains(names, "Beta0002") || strings.Contains(names, "Alpha") {
		t.Fatalf("search ta00 lists: %q", names)
	}
	if got := text(res.doc.Find(list + "-matching")); !strings.Contains(got, "3 members") {
		t.Fatalf("the match count: %q", got)
	}
	if res := c.get(fmt.Sprintf("/groups/%d/members?mq=belanger", g.ID), htmx(list[1:])...); !strings.Contains(text(res.doc.Find(list)), "No member matches") {
		t.Fatalf("a non-member is found:\n%s", snippet(res.body))
	}
	_ = outside
	// Full page deep link, paged, keeping the search in the next link.
	page := c.get(fmt.Sprintf("/groups/%d?mq=alpha", g.ID))
	wantStatus(t, page, http.StatusOK)
	if page.doc.Find("#member-search-q").AttrOr("value", "") != "alpha" || page.doc.Find(list+" input[name=account_id]").Length() != 50 {
		t.Fatalf("deep link: %d rows\n%s", page.doc.Find(list+" input[name=account_id]").Length(), snippet(page.body))
	}
	next := page.doc.Find(list+"-next").AttrOr("hx-get", "")
	if !strings.Contains(next, "mq=alpha") {
		t.Fatalf("the next page drops the search: %q", next)
	}
	res = c.get(strings.TrimPrefix(next, "/t/acme"), htmx(list[1:])...)
	if n := res.doc.Find(list + " input[name=account_id]").Length(); n != 10 {
		t.Fatalf("second page: %d rows", n)
	}

	// Select all 3 matching, and remove them in one audited change.
	res = c.get(fmt.Sprintf("/groups/%d?mq=beta", g.ID))
	if lbl := text(res.doc.Find(fmt.Sprintf(`label[for="members-%d-all"]`, g.ID))); lbl != "Select all 3 matching “beta”" {
		t.Fatalf("select-all label: %q", lbl)
	}
	form := url.Values{"all_matching": {"1"}, "mq": {"beta"}, "expect": {"4"}}
	res = c.post(fmt.Sprintf("/groups/%d/members/remove", g.ID), form, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Find("#group-page")), "changed meanwhile (now 3)") || env.members(g) != 63 {
		t.Fatalf("a stale count is not refused:\n%s", snippet(res.body))
	}
	form.Set("expect", "3")
	res = c.post(fmt.Sprintf("/groups/%d/members/remove", g.ID), form, htmx("group-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(text(res.doc.Find("#group-page")), "3 members removed from Support") || env.members(g) != 60 {
		t.Fatalf("remove matching: %d left\n%s", env.members(g), snippet(res.body))
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.members.remove", TargetType: "group", TargetID: g.ID})
	if len(ev) != 1 || len(ev[0].Details["removed"].([]any)) != 3 {
		t.Fatalf("one audit event for the removal: %+v", ev)
	}
	// Without permission: 403; another tenant's group: 404.
	env.user("pat@acme.test", "standard", "active", "project_manager")
	pc := env.signedIn("pat@acme.test")
	wantStatus(t, pc.post(fmt.Sprintf("/groups/%d/members/remove", g.ID), url.Values{"all_matching": {"1"}, "expect": {"60"}}, htmx("group-page")...), http.StatusForbidden)
	other, _ := env.newTenant("Other", "other")
	theirs, _ := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	wantStatus(t, c.post(fmt.Sprintf("/groups/%d/members/remove", theirs.ID), url.Values{"all_matching": {"1"}, "expect": {"0"}}, htmx("group-page")...), http.StatusNotFound)
	wantStatus(t, c.get(fmt.Sprintf("/groups/%d/members?mq=a", theirs.ID), htmx("members-1")...), http.StatusNotFound)
	if env.members(g) != 60 {
		t.Fatal("a refused removal changed the group")
	}
}

// Issue 16, defect 10: people are added from the group page itself.
func TestIssue16AddMembersFromGroupPage(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	g := env.group("Support", "auditor")
	ann := env.user("ann.belanger@acme.test", "standard", "active")
	bob := env.user("bob.belanger@acme.test", "standard", "active")
	if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	page := c.get(fmt.Sprintf("/groups/%d", g.ID))
	if page.doc.Find(`#group-add label[for="group-add-q"]`).Length() != 1 {
		t.Fatalf("no Add members search on the group page:\n%s", snippet(page.body))
	}
	res := c.get(fmt.Sprintf("/groups/%d/people?pq=belanger", g.ID), htmx("group-candidates")...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find(fmt.Sprintf("#group-add-%d", ann.ID)).Length() != 1 || res.doc.Find(fmt.Sprintf("#group-add-%d", bob.ID)).Length() != 0 ||
		!strings.Contains(text(res.doc.Find("#group-candidates")), "Member") {
		t.Fatalf("candidates: Ann with Add, Bob marked a member:\n%s", snippet(res.body))
	}
	add := fmt.Sprintf("/groups/%d/members/add", g.ID)
	res = c.post(add, url.Values{"account_id": {id(ann)}, "pq": {"belanger"}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusOK)
	if env.members(g) != 2 || !strings.Contains(text(res.doc.Find("#group-add")), "added to Support") {
		t.Fatalf("add: %d members\n%s", env.members(g), snippet(res.body))
	}
	if res.doc.Find(fmt.Sprintf("#group-add-%d", ann.ID)).Length() != 0 || res.doc.Find("#group-add-q").AttrOr("value", "") != "belanger" {
		t.Fatal("after adding, the search is not kept or Ann is still offered")
	}
	held, _ := env.st.HeldRoles(ctx, env.tenant.ID, ann.ID)
	if len(held) != 1 || held[0].GroupName != "Support" {
		t.Fatalf("Ann holds %+v", held)
	}
	if ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.members.add", TargetType: "group", TargetID: g.ID}); len(ev) != 2 {
		t.Fatalf("add not audited: %d events", len(ev))
	}
	// Another tenant's person or group; an actor without groups.manage.
	other, otherRoles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, otherRoles, "stranger@other.test", "standard", "active")
	theirs, _ := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	wantStatus(t, c.post(add, url.Values{"account_id": {id(stranger)}}, htmx("group-page")...), http.StatusUnprocessableEntity)
	wantStatus(t, c.post(fmt.Sprintf("/groups/%d/members/add", theirs.ID), url.Values{"account_id": {id(ann)}}, htmx("group-page")...), http.StatusNotFound)
	wantStatus(t, c.get(fmt.Sprintf("/groups/%d/people?pq=stranger", theirs.ID), htmx("group-candidates")...), http.StatusNotFound)
	if strings.Contains(c.get(fmt.Sprintf("/groups/%d/people?pq=stranger", g.ID), htmx("group-candidates")...).body, "stranger@other.test") {
		t.Fatal("another tenant's person is offered")
	}
	env.user("pat@acme.test", "standard", "active", "project_manager")
	pc := env.signedIn("pat@acme.test")
	wantStatus(t, pc.post(add, url.Values{"account_id": {id(ann)}}, htmx("group-page")...), http.StatusForbidden)
	wantStatus(t, pc.get(fmt.Sprintf("/groups/%d/people?pq=ann", g.ID)), http.StatusForbidden)
	if env.members(g) != 2 {
		t.Fatal("a refused add changed the group")
	}
}

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
