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
