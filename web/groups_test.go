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

// groupsTarget is what htmx sends when a button swaps the groups panel.
func groupsTarget() []string { return htmx("ug-groups") }

func (e *testEnv) group(name string, roles ...string) store.Group {
	e.t.Helper()
	g, err := e.st.CreateGroup(context.Background(), actorFor(e), name, "")
	if err != nil {
		e.t.Fatal(err)
	}
	var ids []int64
	for _, r := range roles {
		ids = append(ids, e.roles[r])
	}
	if len(ids) > 0 {
		if err := e.st.SetGroupRoles(context.Background(), actorFor(e), g.ID, ids); err != nil {
			e.t.Fatal(err)
		}
	}
	return g
}

func (e *testEnv) members(g store.Group) int {
	e.t.Helper()
	g, err := e.st.Group(context.Background(), e.tenant.ID, g.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return g.Members
}

// seedUsers adds n people whose names start with prefix and returns their ids.
func (e *testEnv) seedUsers(prefix string, n int) []int64 {
	e.t.Helper()
	ctx := context.Background()
	var seeds []store.SeedAccount
	for i := range n {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: fmt.Sprintf("%s%04d", prefix, i), LastName: "Seeded", Email: fmt.Sprintf("%s%04d@acme.test", strings.ToLower(prefix), i),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: fmt.Sprintf("%s%04d", strings.ToLower(prefix), i), Status: "active", AuthMethod: "password"}})
	}
	if err := e.st.Seed(ctx, store.Actor{TenantID: e.tenant.ID}, seeds); err != nil {
		e.t.Fatal(err)
	}
	var ids []int64
	f := store.UserFilter{Query: prefix, IncludeNoRole: true, Limit: 500}
	for {
		pg, err := e.st.ListUsers(ctx, e.tenant.ID, f)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, a := range pg.Accounts {
			ids = append(ids, a.ID)
		}
		if pg.Next == "" {
			break
		}
		f.After = pg.Next
	}
	if len(ids) != n {
		e.t.Fatalf("seeded %d, found %d", n, len(ids))
	}
	return ids
}

func pick(g store.Group, accounts ...int64) url.Values {
	v := url.Values{"group_id": {fmt.Sprint(g.ID)}}
	for _, a := range accounts {
		v.Add("account_id", fmt.Sprint(a))
	}
	return v
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func TestGroupsViewAsPageAndPanels(t *testing.T) {
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active") // no role: still listed, a group may give one
	sales := env.group("Sales")
	c := env.signedIn("admin@acme.test")

	full := c.get("/groups")
	wantStatus(t, full, http.StatusOK)
	if !strings.Contains(full.Header.Get("Vary"), "HX-Request") || full.doc.Find("html").Length() != 1 {
		t.Fatal("full page load lacks the layout or Vary")
	}
	box := full.doc.Find("#ug-user-" + id(bob))
	if box.AttrOr("name", "") != "account_id" || box.AttrOr("form", "") != "ug" ||
		full.doc.Find(`label[for="ug-user-`+id(bob)+`"]`).Length() != 1 {
		t.Fatal("each user needs a checkbox of the form, with a real label")
	}
	radio := full.doc.Find(fmt.Sprintf("#ug-group-%d", sales.ID))
	if radio.AttrOr("type", "") != "radio" || full.doc.Find(fmt.Sprintf(`label[for="ug-group-%d"]`, sales.ID)).Length() != 1 {
		t.Fatal("each group needs a radio with a real label")
	}
	for _, sel := range []string{"#ug-add", "#ug-remove", "#ug-new-group", `label[for="ug-q"]`, `label[for="ug-gq"]`, `label[for="ug-new-name"]`} {
		if full.doc.Find(sel).Length() != 1 {
			t.Fatalf("page lacks %s", sel)
		}
	}
	if got := text(full.doc.Find(fmt.Sprintf("#ug-count-%d", sales.ID))); got != "No members" {
		t.Fatalf("member count %q", got)
	}

	users := c.get("/groups?q=bob", append(htmx("ug-users"), "HX-Current-URL", env.srv.URL+"/groups?gq=sal")...)
	wantStatus(t, users, http.StatusOK)
	if strings.Contains(users.body, "<html") || users.doc.Find("#ug-users").Length() != 1 || users.doc.Find("#ug-groups").Length() != 0 {
		t.Fatalf("the users panel alone was expected:\n%s", snippet(users.body))
	}
	if got := users.Header.Get("HX-Push-Url"); got != "/groups?gq=sal&q=bob" {
		t.Fatalf("pushed %q: the other panel's search must stay in the address", got)
	}
	groups := c.get("/groups?gq=SAL", htmx("ug-groups")...)
	if groups.doc.Find("#ug-groups").Length() != 1 || groups.doc.Find("#ug-users").Length() != 0 ||
		groups.doc.Find(fmt.Sprintf("#ug-group-%d", sales.ID)).Length() != 1 {
		t.Fatalf("the groups panel alone, searched, was expected:\n%s", snippet(groups.body))
	}
	if c.get("/groups?gq=zzz", htmx("ug-groups")...).doc.Find(".empty").Length() != 1 {
		t.Fatal("no empty state for a group search matching nothing")
	}
}

func TestUsersPanelSelectionSpansPages(t *testing.T) {
	env := newEnv(t)
	ids := env.seedUsers("Pick", 60)
	c := env.signedIn("admin@acme.test")
	// Page one, with a user of page three selected: it travels as a hidden field.
	res := c.get(fmt.Sprintf("/groups?q=pick&size=25&account_id=%d&account_id=%d", ids[0], ids[59]), htmx("ug-users")...)
	wantStatus(t, res, http.StatusOK)
	if _, ok := res.doc.Find("#ug-user-" + fmt.Sprint(ids[0])).Attr("checked"); !ok {
		t.Fatal("a selected user on this page is not ticked")
	}
	hidden := res.doc.Find(`input[type="hidden"][name="account_id"]`)
	if hidden.Length() != 1 || hidden.AttrOr("value", "") != fmt.Sprint(ids[59]) || hidden.AttrOr("form", "") != "ug" {
		t.Fatalf("the selection on other pages is not kept: %d hidden", hidden.Length())
	}
	if !strings.Contains(text(res.doc.Find("#ug-elsewhere")), "1") {
		t.Fatal("the selection elsewhere is not counted")
	}
	next, _ := res.doc.Find("#ug-users-next").Attr("hx-get")
	if next == "" {
		t.Fatal("no next page")
	}
	// Select all on this page keeps the rest of the selection.
	sel, _ := res.doc.Find("#ug-select-page").Attr("hx-get")
	res = c.get(sel+fmt.Sprintf("&account_id=%d", ids[59]), htmx("ug-users")...)
	if n := res.doc.Find(`input[type="checkbox"][name="account_id"][checked]`).Length(); n != 25 {
		t.Fatalf("select all ticked %d, want 25", n)
	}
	if res.doc.Find(`input[type="hidden"][name="account_id"]`).Length() != 1 {
		t.Fatal("select all lost the selection on other pages")
	}
	clear, _ := res.doc.Find("#ug-clear").Attr("hx-get")
	res = c.get(clear+fmt.Sprintf("&account_id=%d", ids[59]), htmx("ug-users")...)
	if res.doc.Find(`[name="account_id"][checked], input[type="hidden"][name="account_id"]`).Length() != 0 {
		t.Fatal("clear kept a selection")
	}
}

func TestCreateGroup(t *testing.T) {
	env := newEnv(t)
	env.group("Sales")
	c := env.signedIn("admin@acme.test")
	bad := []struct{ name, field, value, message string }{
		{"empty name", "name", "   ", "required"},
		{"name of 101 characters", "name", strings.Repeat("é", 101), "at most 100"},
		{"duplicate in another case", "name", "sALES", "already exists"},
		{"name with a line break", "name", "Two\nlines", "line breaks"},
		{"description of 301 characters", "description", strings.Repeat("d", 301), "at most 300"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			form := url.Values{"name": {"Support"}, "description": {""}}
			form.Set(tc.field, tc.value)
			res := c.post("/groups", form, htmx("ug-new-group")...)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			msg := text(res.doc.Find("#ug-new-" + tc.field + "-error"))
			if !strings.Contains(msg, tc.message) {
				t.Fatalf("%s error %q, want %q\n%s", tc.field, msg, tc.message, snippet(res.body))
			}
			if res.doc.Find(`#ug-new-`+tc.field+`[aria-invalid="true"]`).Length() != 1 {
				t.Fatal("the field is not marked invalid")
			}
			if gs, _ := env.st.Groups(context.Background(), env.tenant.ID, "", "", 0, 10); len(gs) != 1 {
				t.Fatalf("a refused form left %d groups", len(gs))
			}
		})
	}
	long := strings.Repeat("é", 100)
	res := c.post("/groups", url.Values{"name": {long}, "description": {"Line one\r\nline two"}},
		append(htmx("ug-new-group"), "HX-Current-URL", env.srv.URL+"/groups")...)
	wantStatus(t, res, http.StatusOK)
	gs, _ := env.st.Groups(context.Background(), env.tenant.ID, long, "", 0, 10)
	if len(gs) != 1 || gs[0].Description != "Line one\nline two" {
		t.Fatalf("created %+v", gs)
	}
	if _, ok := res.doc.Find(fmt.Sprintf(`#ug-groups[hx-swap-oob] #ug-group-%d`, gs[0].ID)).Attr("checked"); !ok {
		t.Fatalf("the new group is not listed and selected:\n%s", snippet(res.body))
	}
	if !strings.Contains(text(res.doc.Find("#ug-status")), "created") || res.doc.Find("#ug-new-name").AttrOr("value", "") != "" {
		t.Fatal("no confirmation, or the form was not emptied")
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "group.create", TargetType: "group", TargetID: gs[0].ID})
	if len(ev) != 1 || ev[0].ActorID != env.admin.ID {
		t.Fatalf("create not audited: %+v", ev)
	}
	// A plain form goes to the new group's page.
	res = c.post("/groups", url.Values{"name": {"Plain"}})
	wantStatus(t, res, http.StatusSeeOther)
	page := c.get(res.Header.Get("Location"))
	if !strings.Contains(text(page.doc.Find("[role=status]")), "Group Plain created") {
		t.Fatalf("the group page does not confirm:\n%s", snippet(page.body))
	}
}

func TestRenameGroupShowsEverywhere(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	sales := env.group("Sales", "auditor")
	env.group("Support")
	bob := env.user("bob@acme.test", "standard", "active")
	if _, err := env.st.AddMembers(ctx, actorFor(env), sales.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	path := fmt.Sprintf("/groups/%d", sales.ID)
	res := c.post(path, url.Values{"name": {"SUPPORT"}, "description": {""}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Find("#group-name-error")), "already exists") {
		t.Fatalf("duplicate name not explained beside the field:\n%s", snippet(res.body))
	}
	res = c.post(path, url.Values{"name": {""}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	res = c.post(path, url.Values{"name": {"Ventes Île-de-France"}, "description": {"Le Nord"}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(text(res.doc.Find("h1")), "Ventes Île-de-France") || !strings.Contains(text(res.doc.Find("[role=status]")), "saved") {
		t.Fatalf("the page does not show the new name:\n%s", snippet(res.body))
	}
	// Everywhere: the groups panel, the page, and where a member's roles come from.
	if !strings.Contains(text(c.get("/groups").doc.Find("#ug-groups")), "Ventes Île-de-France") {
		t.Fatal("the groups panel shows the old name")
	}
	held, _ := env.st.HeldRoles(ctx, env.tenant.ID, bob.ID)
	if len(held) != 1 || held[0].GroupName != "Ventes Île-de-France" {
		t.Fatalf("held roles: %+v", held)
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.update"})
	if len(ev) != 1 || !strings.Contains(fmt.Sprint(ev[0].Details), "Sales") {
		t.Fatalf("rename audit: %+v", ev)
	}
	// Without htmx, a save redirects back to the page.
	wantStatus(t, c.post(path, url.Values{"name": {"Ventes"}}), http.StatusSeeOther)
}

func TestDeleteGroupOnlyWhenUnassigned(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	sales := env.group("Sales")
	ids := env.seedUsers("Held", 12)
	if _, err := env.st.AddMembers(ctx, actorFor(env), sales.ID, ids); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	del := fmt.Sprintf("/groups/%d/delete", sales.ID)
	res := c.post(del, nil, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := text(res.doc.Find("[role=alert]")); !strings.Contains(msg, "Sales cannot be deleted: it still has 12 members") {
		t.Fatalf("the refusal does not name what holds the group: %q", msg)
	}
	if env.members(sales) != 12 {
		t.Fatal("a refused delete changed the group")
	}
	// Remove them from the group's page, then delete.
	form := url.Values{}
	for _, id := range ids {
		form.Add("account_id", fmt.Sprint(id))
	}
	res = c.post(fmt.Sprintf("/groups/%d/members/remove", sales.ID), form, htmx("group-page")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(text(res.doc.Find("#group-page")), "12 users removed from Sales") {
		t.Fatalf("removal not confirmed:\n%s", snippet(res.body))
	}
	res = c.post(del, nil, htmx("group-page")...)
	if res.StatusCode != http.StatusNoContent || res.Header.Get("HX-Redirect") != "/groups?deleted=1" {
		t.Fatalf("delete: %d %q", res.StatusCode, res.Header.Get("HX-Redirect"))
	}
	if _, err := env.st.Group(ctx, env.tenant.ID, sales.ID); err == nil {
		t.Fatal("the group is still there")
	}
	if !strings.Contains(text(c.get("/groups?deleted=1").doc.Find("#ug-status")), "Group deleted") {
		t.Fatal("the deletion is not confirmed")
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.delete"})
	if len(ev) != 1 {
		t.Fatal("delete not audited")
	}
	wantStatus(t, c.get(fmt.Sprintf("/groups/%d", sales.ID)), http.StatusNotFound)
}

func TestAddAndRemoveMembers(t *testing.T) {
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
	if !strings.HasPrefix(loc, "/groups?") || !strings.Contains(loc, "q=bo") {
		t.Fatalf("redirect to %q", loc)
	}
	if got := text(c.get(loc).doc.Find("#ug-status")); got != "1 user added to Sales." {
		t.Fatalf("after the redirect: %q", got)
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{TargetType: "group", TargetID: sales.ID})
	var actions []string
	for _, e := range ev {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, ",") != "group.members.add,group.members.remove,group.members.add,group.create" {
		t.Fatalf("audit trail: %v", actions) // re-adding changed nothing and wrote nothing
	}
}

func TestAddThousandMembersInOneRequest(t *testing.T) {
	env := newEnv(t)
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

func TestMembershipRefusesOtherTenants(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	other, otherRoles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, otherRoles, "stranger@other.test", "standard", "active", "member")
	theirs, err := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID}, "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	bob := env.user("bob@acme.test", "standard", "active")
	sales := env.group("Sales")
	c := env.signedIn("admin@acme.test")

	res := c.post("/groups/members", pick(sales, bob.ID, stranger.ID), groupsTarget()...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Find("#ug-status")), "Nothing was changed") {
		t.Fatalf("refusal:\n%s", snippet(res.body))
	}
	if env.members(sales) != 0 {
		t.Fatal("a refused change wrote members")
	}
	if ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.members.add"}); len(ev) != 0 {
		t.Fatal("a refused change was audited")
	}
	// Their group: 404 wherever it is named.
	wantStatus(t, c.post("/groups/members", pick(theirs, bob.ID), groupsTarget()...), http.StatusNotFound)
	wantStatus(t, c.post("/groups/members/remove", pick(theirs, stranger.ID)), http.StatusNotFound)
	for _, path := range []string{"", "/members"} {
		wantStatus(t, c.get(fmt.Sprintf("/groups/%d%s", theirs.ID, path)), http.StatusNotFound)
	}
	for _, path := range []string{"", "/roles", "/delete", "/members/remove"} {
		wantStatus(t, c.post(fmt.Sprintf("/groups/%d%s", theirs.ID, path), url.Values{"name": {"Mine"}, "account_id": {id(stranger)}}), http.StatusNotFound)
	}
	if g, _ := env.st.Group(ctx, other.ID, theirs.ID); g.Name != "Theirs" {
		t.Fatal("their group was changed")
	}
	if strings.Contains(c.get("/groups?gq=theirs").body, "Theirs") || strings.Contains(c.get("/groups?q=stranger").body, "stranger@other.test") {
		t.Fatal("another tenant's group or user is listed")
	}
	// Their role: 422 beside the toggles, nothing written.
	res = c.post(fmt.Sprintf("/groups/%d/roles", sales.ID), url.Values{"role": {fmt.Sprint(otherRoles["tenant_admin"])}}, htmx("group-roles")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Find("#group-roles [role=alert]")), "does not exist") {
		t.Fatalf("role refusal:\n%s", snippet(res.body))
	}
	if held, _ := env.st.GroupRoleIDs(ctx, env.tenant.ID, sales.ID); len(held) != 0 {
		t.Fatalf("a refused change gave roles %v", held)
	}
}

func TestGroupCannotRemoveTheLastUserManager(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	mgr := env.user("mgr@acme.test", "standard", "active") // manages users only through the group
	managers := env.group("Managers", "user_manager")
	if _, err := env.st.AddMembers(ctx, actorFor(env), managers.ID, []int64{mgr.ID}); err != nil {
		t.Fatal(err)
	}
	// The admin steps down: the group's member is now the only one who manages users.
	if _, err := env.st.UpdateProfile(ctx, actorFor(env), env.admin.ID, func() store.Profile {
		p := profileOf(env.admin, "Admin", "Tester")
		p.UserType = "standard"
		return p
	}()); err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoles(ctx, actorFor(env), env.admin.ID, nil); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("mgr@acme.test")
	res := c.post("/groups/members/remove", pick(managers, mgr.ID), groupsTarget()...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := text(res.doc.Find("#ug-status")); !strings.Contains(msg, "nobody could manage users in this tenant any more") ||
		!strings.Contains(msg, "Managers") {
		t.Fatalf("refusal not explained: %q", msg)
	}
	res = c.post(fmt.Sprintf("/groups/%d/members/remove", managers.ID), url.Values{"account_id": {id(mgr)}}, htmx("group-page")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	res = c.post(fmt.Sprintf("/groups/%d/roles", managers.ID), url.Values{}, htmx("group-roles")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(text(res.doc.Find("[role=alert]")), "would lose the right to manage users") {
		t.Fatalf("role refusal not explained:\n%s", snippet(res.body))
	}
	if env.members(managers) != 1 {
		t.Fatal("the last manager was removed")
	}
	if held, _ := env.st.GroupRoleIDs(ctx, env.tenant.ID, managers.ID); len(held) != 1 || held[0] != env.roles["user_manager"] {
		t.Fatalf("the group's roles changed: %v", held)
	}
}

func TestGroupRolesAreInherited(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	zoe := env.user("zoe@acme.test", "standard", "active") // no role of her own
	audit := env.group("Audit")
	c := env.signedIn("admin@acme.test")
	wantStatus(t, env.signedIn("zoe@acme.test").get("/users"), http.StatusForbidden)

	res := c.post(fmt.Sprintf("/groups/%d/roles", audit.ID), url.Values{"role": {fmt.Sprint(env.roles["auditor"])}}, htmx("group-roles")...)
	wantStatus(t, res, http.StatusOK)
	if _, ok := res.doc.Find(fmt.Sprintf("#group-role-%d", env.roles["auditor"])).Attr("checked"); !ok {
		t.Fatal("the toggle is not on")
	}
	if got := text(res.doc.Find("#group-access[hx-swap-oob]")); !strings.Contains(got, "Auditor") {
		t.Fatalf("the Access section is not refreshed: %q", got)
	}
	wantStatus(t, c.post("/groups/members", pick(audit, zoe.ID), groupsTarget()...), http.StatusOK)

	listed := c.get(fmt.Sprintf("/users?role=%d", env.roles["auditor"]))
	if listed.doc.Find("#user-"+id(zoe)).Length() != 1 {
		t.Fatal("the users table's role filter misses a role inherited from a group")
	}
	perms, _ := env.st.RolePermissions(ctx, env.tenant.ID, zoe.ID)
	if !slices.Contains(perms, "reports.view") {
		t.Fatalf("zoe holds %v, want reports.view through her group", perms)
	}
	wantStatus(t, env.signedIn("zoe@acme.test").get("/users"), http.StatusOK)

	page := c.get(fmt.Sprintf("/groups/%d", audit.ID))
	access := text(page.doc.Find("#group-access"))
	if !strings.Contains(access, "Auditor") || !strings.Contains(access, "via group Audit") {
		t.Fatalf("the group page's Access section: %q", access)
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "group.roles"})
	if len(ev) != 1 {
		t.Fatal("the roles change is not audited")
	}
}

func TestGroupsReadOnlyViewer(t *testing.T) {
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active")
	sales := env.group("Sales", "member")
	if _, err := env.st.AddMembers(context.Background(), actorFor(env), sales.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	env.user("reader@acme.test", "read_only", "active", "user_manager") // users.view, never a write
	c := env.signedIn("reader@acme.test")
	view := c.get("/groups")
	wantStatus(t, view, http.StatusOK)
	for _, sel := range []string{"#ug", "#ug-add", "#ug-remove", "#ug-new-group", `[name="account_id"]`, `[name="group_id"]`, "#ug-select-page"} {
		if view.doc.Find(sel).Length() != 0 {
			t.Errorf("a viewer sees %s", sel)
		}
	}
	if !strings.Contains(text(view.doc.Find("#ug-groups")), "Sales") || !strings.Contains(text(view.doc.Find("#ug-users")), "Bob Tester") {
		t.Fatal("a viewer should still see users and groups")
	}
	page := c.get(fmt.Sprintf("/groups/%d", sales.ID))
	wantStatus(t, page, http.StatusOK)
	if page.doc.Find("#group-save, #group-delete, #members-remove, #members-form").Length() != 0 ||
		page.doc.Find("fieldset[disabled] #group-name").Length() != 1 || page.doc.Find("#group-roles fieldset[disabled]").Length() != 1 {
		t.Fatal("a viewer sees write controls on the group page")
	}
	if !strings.Contains(text(page.doc.Find(".member-list")), "Bob Tester") {
		t.Fatal("a viewer should see the members")
	}
	for _, path := range []string{"/groups", "/groups/members", "/groups/members/remove", fmt.Sprintf("/groups/%d", sales.ID),
		fmt.Sprintf("/groups/%d/roles", sales.ID), fmt.Sprintf("/groups/%d/delete", sales.ID), fmt.Sprintf("/groups/%d/members/remove", sales.ID)} {
		wantStatus(t, c.post(path, pick(sales, bob.ID)), http.StatusForbidden)
	}
	if env.members(sales) != 1 {
		t.Fatal("a viewer changed the group")
	}
}

func TestGroupMembersKeysetPaging(t *testing.T) {
	env := newEnv(t)
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

func TestGroupsViewQueryCountIsConstant(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	first := env.group("First")
	c := env.signedIn("admin@acme.test")
	count := func(path string, headers ...string) int64 {
		before := env.st.Statements()
		wantStatus(t, c.get(path, headers...), http.StatusOK)
		return env.st.Statements() - before
	}
	view, users, groups := count("/groups"), count("/groups?q=adm", htmx("ug-users")...), count("/groups?gq=fir", htmx("ug-groups")...)
	ids := env.seedUsers("Lot", 300)
	for i := range 70 {
		g := env.group(fmt.Sprintf("Group %02d", i))
		if _, err := env.st.AddMembers(ctx, actorFor(env), g.ID, ids[:i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.st.AddMembers(ctx, actorFor(env), first.ID, ids); err != nil {
		t.Fatal(err)
	}
	if n := count("/groups?size=200"); n != view {
		t.Errorf("the view ran %d statements, %d with one group and one user", n, view)
	}
	if n := count("/groups?q=lot&size=200", htmx("ug-users")...); n > users+1 { // a search may first ask how common its word is
		t.Errorf("the users panel ran %d statements, %d with one user", n, users)
	}
	if n := count("/groups?gq=group", htmx("ug-groups")...); n != groups {
		t.Errorf("the groups panel ran %d statements, %d with one group", n, groups)
	}
	if view > 5 { // the session, the principal and its tenant, the users, the groups
		t.Errorf("the view runs %d statements", view)
	}
}
