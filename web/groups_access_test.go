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

func TestMembershipRefusesOtherTenants(t *testing.T) {
	t.Parallel()
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

func TestGroupsReadOnlyViewer(t *testing.T) {
	t.Parallel()
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
