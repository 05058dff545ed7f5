package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

func TestAddAndRemoveMembers(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ann := env.user("ann@acme.test", "standard", "active")
	bob := env.user("bob@acme.test", "standard", "active")
	sales := env.group("Sales")
	c := env.signedIn("admin@acme.test")
	hdr := append(groupsTarget(), "HX-Current-URL", env.srv.URL+"/groups")

	res := c.post("/groups/members", pick(sales, ann.ID, bob.ID), hdr...)
	wantStatus(t, res, http.StatusOK)
	if got := text(res.doc.Find(fmt.Sprintf("#ug-count-%d", sales.ID))); !strings.Contains(got, "2 members") {
		t.Fatalf("count %q", got)
	}
	if got := text(res.doc.Find(`#ug-status[hx-swap-oob]`)); got != "2 users added to Sales." {
		t.Fatalf("status %q", got)
	}
	if _, ok := res.doc.Find(fmt.Sprintf("#ug-group-%d", sales.ID)).Attr("checked"); !ok {
		t.Fatal("the group is no longer selected")
	}
	if _, open := res.doc.Find(fmt.Sprintf("#ug-details-%d", sales.ID)).Attr("open"); !open ||
		!strings.Contains(text(res.doc.Find(fmt.Sprintf("#ug-members-%d", sales.ID))), "Ann Tester") {
		t.Fatal("the changed group does not show its members")
	}
	res = c.post("/groups/members", pick(sales, ann.ID), hdr...)
	if got := text(res.doc.Find(`#ug-status`)); got != "These users were already in Sales." {
		t.Fatalf("re-adding: %q", got)
	}
	res = c.post("/groups/members/remove", pick(sales, bob.ID), hdr...)
	wantStatus(t, res, http.StatusOK)
	if got := text(res.doc.Find(`#ug-status`)); got != "1 user removed from Sales." || env.members(sales) != 1 {
		t.Fatalf("removing: %q, %d members", got, env.members(sales))
	}
	for name, tc := range map[string]struct {
		form url.Values
		msg  string
	}{
		"no group":        {url.Values{"account_id": {id(ann)}}, "Choose a group"},
		"no users":        {pick(sales), "Tick at least one user"},
		"id not a number": {pick(sales, ann.ID), "does not belong"},
	} {
		t.Run(name, func(t *testing.T) {
			if name == "id not a number" {
				tc.form.Add("account_id", "x1")
			}
			res := c.post("/groups/members", tc.form, hdr...)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if !strings.Contains(text(res.doc.Find(`#ug-status [role=alert]`)), tc.msg) || res.doc.Find("#ug-groups").Length() != 1 {
				t.Fatalf("refusal:\n%s", snippet(res.body))
			}
		})
	}
	// A plain form redirects back to the view, which says what happened.
	res = c.post("/groups/members", func() url.Values {
		v := pick(sales, bob.ID)
		v.Set("back", "/groups?q=bo")
		return v
	}())
	wantStatus(t, res, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	if !strings.HasPrefix(loc, tp("/groups?")) || !strings.Contains(loc, "q=bo") {
		t.Fatalf("redirect to %q", loc)
	}
	if got := text(c.get(loc).doc.Find("#ug-status")); got != "1 user added to Sales." {
		t.Fatalf("after the redirect: %q", got)
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{TargetType: "group", TargetID: sales.ID})
	var actions []string
	for _, e := range ev {
		actions = append(actions, string(e.Action))
	}
	if strings.Join(actions, ",") != "group.members.add,group.members.remove,group.members.add,group.create" {
		t.Fatalf("audit trail: %v", actions) // re-adding changed nothing and wrote nothing
	}
}

func TestAddThousandMembersInOneRequest(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
	ids := env.seedUsers("Bulk", 1000)
	sales := env.group("Sales")
	c := env.signedIn("admin@acme.test")
	before := env.st.Statements()
	res := c.post("/groups/members", pick(sales, ids...), append(groupsTarget(), "HX-Current-URL", env.srv.URL+"/groups")...)
	wantStatus(t, res, http.StatusOK)
	if got := text(res.doc.Find("#ug-status")); got != "1,000 users added to Sales." {
		t.Fatalf("status %q", got)
	}
	if env.members(sales) != 1000 {
		t.Fatalf("%d members", env.members(sales))
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "group.members.add"})
	if len(ev) != 1 {
		t.Fatalf("%d audit events, want one for the whole change", len(ev))
	}
	if added, _ := ev[0].Details["added"].([]any); len(added) != 1000 {
		t.Fatalf("the event names %d accounts", len(added))
	}
	// The panel shows only the first page of members, whatever the group's size.
	if n := res.doc.Find(fmt.Sprintf("#ug-members-%d li", sales.ID)).Length(); n != 50 {
		t.Fatalf("the panel lists %d members", n)
	}
	t.Logf("adding 1,000 members ran %d statements", env.st.Statements()-before)
}

func TestGroupMembersKeysetPaging(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
	ctx := context.Background()
	small := env.group("Small")
	big := env.group("Big")
	ids := env.seedUsers("Many", 120)
	if _, err := env.st.AddMembers(ctx, actorFor(env), small.ID, ids[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, actorFor(env), big.ID, ids); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	count := func(path string, headers ...string) int64 {
		before := env.st.Statements()
		wantStatus(t, c.get(path, headers...), http.StatusOK)
		return env.st.Statements() - before
	}
	if s, b := count(fmt.Sprintf("/groups/%d", small.ID)), count(fmt.Sprintf("/groups/%d", big.ID)); s != b || s > 8 {
		t.Errorf("group page: %d statements for 1 member, %d for 120", s, b)
	}
	// Walk the big group 50 at a time through the fragments, as the page's Next link does.
	var names []string
	path := fmt.Sprintf("/groups/%d/members", big.ID)
	for pages := 0; path != ""; pages++ {
		if pages > 3 {
			t.Fatal("paging does not end")
		}
		res := c.get(path, htmx(fmt.Sprintf("members-%d", big.ID))...)
		wantStatus(t, res, http.StatusOK)
		res.doc.Find(".member-list .ug-name").Each(func(_ int, s *goquery.Selection) { names = append(names, s.Text()) })
		if res.doc.Find(`.member-list input[name="account_id"]`).Length() == 0 {
			t.Fatal("the group page's list has no checkboxes to remove members")
		}
		path, _ = res.doc.Find(`a[rel="next"]`).Attr("hx-get")
	}
	if len(names) != 120 || names[0] != "Many0000 Seeded" || names[119] != "Many0119 Seeded" || len(slices.Compact(slices.Clone(names))) != 120 {
		t.Fatalf("walked %d members: %v…", len(names), names[:min(3, len(names))])
	}
	// The panel's unfolded group pages the same way, without checkboxes.
	res := c.get(fmt.Sprintf("/groups/%d/members", big.ID), htmx(fmt.Sprintf("ug-members-%d", big.ID))...)
	if res.doc.Find("li").Length() != 50 || res.doc.Find("input").Length() != 0 || res.doc.Find(fmt.Sprintf("#ug-members-%d", big.ID)).Length() != 1 {
		t.Fatalf("panel members:\n%s", snippet(res.body))
	}
	// A full page load of a members page is the group page at that page.
	next, _ := c.get(fmt.Sprintf("/groups/%d", big.ID)).doc.Find(`a[rel="next"]`).Attr("href")
	full := c.get(next)
	if full.doc.Find("html").Length() != 1 || !strings.Contains(text(full.doc.Find(".member-list")), "Many0050 Seeded") {
		t.Fatalf("deep link to the second page of members: %s", next)
	}
}

func TestConcurrentMembershipEditsLoseNothing(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ids := env.seedUsers("Race", 40)
	sales := env.group("Sales")
	c1, c2 := env.signedIn("admin@acme.test"), env.signedIn("admin@acme.test")
	var wg sync.WaitGroup
	for i, c := range []*client{c1, c2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i * 20; j < i*20+20; j += 5 {
				res := c.post("/groups/members", pick(sales, ids[j:j+5]...), groupsTarget()...)
				if res.StatusCode != http.StatusOK {
					t.Errorf("concurrent add: %d", res.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	if n := env.members(sales); n != 40 {
		t.Fatalf("%d members after two concurrent editors added 20 each", n)
	}
}
