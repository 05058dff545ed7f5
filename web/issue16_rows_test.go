package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// menuItems are the labels of a row's ⋯ menu, in order, as the menu
// fetches them when it first opens (its hx-get); nil when the page shows
// the row no menu. doc is the users page.
func menuItems(t *testing.T, c *client, doc *goquery.Document, rowID string) []string {
	t.Helper()
	menu := doc.Find("#" + rowID + " details.row-menu")
	if menu.Length() == 0 {
		return nil
	}
	if got := menu.Find(`[role="menuitem"]`).Length(); got != 1 {
		t.Errorf("%s: the menu holds %d items before it opens, want the one link to the person", rowID, got)
	}
	res := c.get(menu.AttrOr("hx-get", "?"), "HX-Request", "true")
	wantStatus(t, res, http.StatusOK)
	var out []string
	res.doc.Find(`[role="menuitem"]`).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

// TestIssue16_RowMenuFitsTheStatus (row menu, defect 12): every row a manager
// may act on has a ⋯ menu with the actions that apply to that person: a
// pending one is sent their link again or deleted, an active one gets a reset
// link or a temporary password, a deactivated one is activated; a viewer gets
// no menu, nor does the manager's own row.
func TestIssue16_RowMenuFitsTheStatus(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	pending := env.user("pia.pending@acme.test", "standard", "pending", "member")
	active := env.user("ali.active@acme.test", "standard", "active", "member")
	gone := env.user("dee.gone@acme.test", "standard", "deactivated", "member")
	env.user("viewer@acme.test", "read_only", "active", "auditor")
	c := env.signedIn("admin@acme.test")
	doc := c.get("/users?status=all").doc
	for _, tc := range []struct {
		row  string
		want string
	}{
		{"user-" + id(pending), "Resend activation email|Delete pending user|Deactivate"},
		{"user-" + id(active), "Reset password|Set temporary password…|Deactivate"},
		{"user-" + id(gone), "Activate"},
		{"user-" + id(env.admin), ""},
	} {
		if got := strings.Join(menuItems(t, c, doc, tc.row), "|"); got != tc.want {
			t.Errorf("%s menu = %q, want %q", tc.row, got, tc.want)
		}
	}
	if n := env.signedIn("viewer@acme.test").get("/users").doc.Find("details.row-menu").Length(); n != 0 {
		t.Errorf("a read-only viewer sees %d row menus", n)
	}
	// Each item is the request the sidebar makes: deleting from the menu
	// removes the pending person's row.
	menu := c.get("/users/"+id(pending)+"/menu", "HX-Request", "true")
	form := menu.doc.Find(`form[hx-post$="/delete"]`)
	action, _ := form.Attr("action")
	res := c.post(action, nil, "HX-Request", "true", "HX-Target", "sidebar")
	wantStatus(t, res, http.StatusOK)
	if _, err := env.st.Account(t.Context(), env.tenant.ID, pending.ID); err == nil {
		t.Fatal("Delete pending user from the row menu left the account")
	}
	// The menu's items: a viewer may not ask for them, nobody gets those of a
	// person who is not there (or not a number), and one's own row has none.
	viewer := env.signedIn("viewer@acme.test")
	wantStatus(t, viewer.get("/users/"+id(active)+"/menu", "HX-Request", "true"), http.StatusForbidden)
	globex, globexRoles := env.newTenant("Globex", "globex")
	stranger := env.userIn(globex.ID, globexRoles, "sam@globex.test", "standard", "active", "member")
	for _, path := range []string{"/users/" + id(pending) + "/menu", "/users/" + id(stranger) + "/menu", "/users/999999/menu",
		"/users/x/menu", "/users/-1/menu"} {
		wantStatus(t, c.get(path, "HX-Request", "true"), http.StatusNotFound)
	}
	own := c.get("/users/"+id(env.admin)+"/menu", "HX-Request", "true")
	if wantStatus(t, own, http.StatusOK); own.doc.Find(`[role="menuitem"]`).Length() != 0 {
		t.Errorf("one's own row menu offers %q", own.doc.Text())
	}
}

// TestIssue16_PendingSidebarOffersTheirActionsFirst (defect 12): a pending
// person's sidebar puts Resend and Delete first and offers no temporary
// password, which the operation refuses for anyone not active, through
// every door.
func TestIssue16_PendingSidebarOffersTheirActionsFirst(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	pending := env.user("pia.pending@acme.test", "standard", "pending", "member")
	c := env.signedIn("admin@acme.test")
	side := c.get("/users/"+id(pending)+"/edit", "HX-Request", "true", "HX-Target", "sidebar")
	if side.doc.Find("#temp-password").Length() != 0 {
		t.Fatal("a pending person is offered Set temporary password")
	}
	var order []string
	side.doc.Find("#user-state button").Each(func(_ int, s *goquery.Selection) { order = append(order, strings.TrimSpace(s.Text())) })
	if got := strings.Join(order, "|"); got != "Resend activation email|Delete|Deactivate" {
		t.Fatalf("pending sidebar actions %q, want Resend and Delete first", got)
	}
	res := c.post("/users/"+id(pending)+"/password", url.Values{"temp_password": {"Tempor4ry-Passw0rd!"}}, "HX-Request", "true", "HX-Target", "sidebar")
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.body+res.Header.Get("HX-Trigger"), "Only an active person can be given a temporary password") {
		t.Fatalf("temporary password for a pending person: %s %s %s", res.Status, res.Header.Get("HX-Trigger"), pageText(res))
	}
	if a, _ := env.st.Account(t.Context(), env.tenant.ID, pending.ID); a.Status != "pending" || a.MustChangePassword {
		t.Fatalf("the refused temporary password changed the account: %+v", a)
	}
}

// TestIssue16_SidebarFollowsEveryChange (defect 4): a role switch refreshes
// the sidebar's Access and Resulting permissions with the switches; a status
// change from the row's menu while the sidebar shows that person refreshes
// the sidebar's status and actions too.
func TestIssue16_SidebarFollowsEveryChange(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ali := env.user("ali.active@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	res := c.post("/users/"+id(ali)+"/roles", url.Values{"role": {id64(env.roles["auditor"])}, "roles_present": {"1"}},
		"HX-Request", "true", "HX-Target", "role-toggles")
	wantStatus(t, res, http.StatusOK)
	access := res.doc.Find(`#user-access[hx-swap-oob]`)
	if access.Length() != 1 || !strings.Contains(access.Text(), "Auditor") || strings.Contains(access.Find(".access-roles").Text(), "Member") {
		t.Fatalf("a role switch answered without the new Access: %q", access.Text())
	}
	headers := []string{"HX-Request", "true", "HX-Target", "user-" + id(ali), "X-Sidebar-User", "user-" + id(ali)}
	res = c.post("/users/"+id(ali)+"/deactivate", nil, headers...)
	wantStatus(t, res, http.StatusOK)
	if got := text(res.doc.Find(`#user-status[hx-swap-oob]`)); got != "Deactivated" {
		t.Fatalf("sidebar status after a row deactivation: %q", got)
	}
	if state := res.doc.Find(`#user-state[hx-swap-oob]`); !strings.Contains(state.Text(), "Activate") || strings.Contains(state.Text(), "Deactivate") {
		t.Fatalf("sidebar actions after a row deactivation: %q", state.Text())
	}
	// Another person's sidebar is left alone.
	res = c.post("/users/"+id(ali)+"/activate", nil, "HX-Request", "true", "HX-Target", "user-"+id(ali), "X-Sidebar-User", "user-999")
	if res.doc.Find(`#user-state`).Length() != 0 {
		t.Fatal("the row's change was sent to the sidebar of someone else")
	}
}
