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

func TestDeleteHeldRoleAsksFirst(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	role := newRole(t, env, "Night shift", "users.view")
	bob := env.user("bob@acme.test", "standard", "active")
	if err := env.st.SetRoles(ctx, actorFor(env), bob.ID, []int64{role}); err != nil {
		t.Fatal(err)
	}
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Nights", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, actorFor(env), g.ID, []int64{role}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	path := fmt.Sprintf("/roles/%d/delete", role)

	res := c.post(path, nil, htmx("roles-dialog")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "1 user and 1 group hold this role; they will lose it. Accounts and what they made stay.") {
		t.Fatalf("confirmation does not say who holds the role:\n%s", snippet(res.body))
	}
	confirm := res.doc.Find("form:has(#dialog-confirm)")
	if a, _ := confirm.Attr("hx-post"); a != tp(path) || confirm.Find(`input[name="confirm"][value="1"]`).Length() != 1 {
		t.Fatal("the confirmation does not post confirm=1 back")
	}
	if _, err := env.st.Role(ctx, env.tenant.ID, role); err != nil {
		t.Fatal("a held role went without confirmation")
	}
	// Without htmx the page comes whole, with the question on it.
	res = c.post(path, nil)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("#roles-dialog .confirm").Length() != 1 || res.doc.Find("#custom-roles-heading").Length() != 1 {
		t.Fatal("plain post: no confirmation on the roles page")
	}
	speakFrench(t, env, c)
	res = c.post(path, nil, htmx("roles-dialog")...)
	if !strings.Contains(res.body, "1 utilisateur et 1 groupe détiennent ce rôle") {
		t.Fatalf("French confirmation:\n%s", snippet(res.body))
	}

	res = c.post(path, url.Values{"confirm": {"1"}}, htmx("roles-dialog")...)
	wantStatus(t, res, http.StatusNoContent)
	if _, err := env.st.Role(ctx, env.tenant.ID, role); err == nil {
		t.Fatal("confirmed delete did not delete")
	}
	if a, err := env.st.Account(ctx, env.tenant.ID, bob.ID); err != nil || a.Status != "active" {
		t.Fatal("deleting a role touched the account")
	}
	if _, err := env.st.Group(ctx, env.tenant.ID, g.ID); err != nil {
		t.Fatal("deleting a role deleted the group")
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "role.delete"})
	if len(ev) != 1 || fmt.Sprint(ev[0].Details["holders"]) != "1" {
		t.Fatalf("delete audit: %+v", ev)
	}
}

func TestRoleLastManager(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	keepers := newRole(t, env, "Keepers", "users.view", "users.manage")
	rolesKeeper := newRole(t, env, "Role keeper", "users.view", "roles.manage")
	mgr := env.user("mgr@acme.test", "standard", "active")
	if err := env.st.SetRoles(ctx, actorFor(env), mgr.ID, []int64{keepers}); err != nil {
		t.Fatal(err)
	}
	rk := env.user("rk@acme.test", "standard", "active")
	if err := env.st.SetRoles(ctx, actorFor(env), rk.ID, []int64{rolesKeeper}); err != nil {
		t.Fatal(err)
	}
	// The admin steps down: Keepers is now the only way anyone manages users.
	p := profileOf(env.admin, "Admin", "Tester")
	p.UserType = "standard"
	if _, err := env.st.UpdateProfile(ctx, actorFor(env), env.admin.ID, p); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("rk@acme.test")
	res := c.post(fmt.Sprintf("/roles/%d", keepers), url.Values{"name": {"Keepers"}, "permission": {"users.view"}}, htmx("main")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find(`[role="alert"]`).Text(), "nobody in this tenant could then manage users") {
		t.Fatalf("refusal not explained:\n%s", snippet(res.body))
	}
	if res.doc.Find("#perm-users_view:checked").Length() != 1 || res.doc.Find("#perm-users_manage:checked").Length() != 0 {
		t.Fatal("the refused form should keep what was ticked")
	}
	res = c.post(fmt.Sprintf("/roles/%d/delete", keepers), url.Values{"confirm": {"1"}}, htmx("roles-dialog")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find(`[role="alert"]`).Text(), "nobody in this tenant could then manage users") {
		t.Fatalf("delete refusal not explained:\n%s", snippet(res.body))
	}
	r, err := env.st.Role(ctx, env.tenant.ID, keepers)
	if err != nil || !slices.Contains(r.Permissions, "users.manage") {
		t.Fatalf("the last managing role changed: %+v %v", r, err)
	}
}
