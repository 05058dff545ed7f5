package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

func TestGroupCannotRemoveTheLastUserManager(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
