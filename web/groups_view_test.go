package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestGroupsViewAsPageAndPanels(t *testing.T) {
	t.Parallel()
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
	if got := users.Header.Get("HX-Push-Url"); got != tp("/groups?gq=sal&q=bob") {
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
	t.Parallel()
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

func TestGroupsViewQueryCountIsConstant(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
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
