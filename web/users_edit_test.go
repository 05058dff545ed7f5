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

func TestEditUserSidebar(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	env.user("taken@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")

	side := c.get("/users/"+id(bob)+"/edit", htmx("sidebar")...)
	wantStatus(t, side, http.StatusOK)
	if side.doc.Find(`input[name="login"]`).Length() != 0 || !strings.Contains(side.doc.Find("dl.readonly").Text(), "bob") {
		t.Fatal("login must show read-only, not as a field")
	}
	if side.doc.Find(`label[for="first_name"]`).Length() != 1 {
		t.Fatal("fields need real labels")
	}
	full := c.get("/users/" + id(bob) + "/edit")
	if full.doc.Find("#sidebar #first_name").Length() != 1 || full.doc.Find("#users-table").Length() != 1 {
		t.Fatal("a deep link to the sidebar should show it beside the table")
	}

	form := url.Values{"first_name": {"Robert"}, "last_name": {"Tester"}, "email": {"TAKEN@acme.test"}, "language": {"fr"},
		"time_zone": {"Europe/Paris"}, "currency": {"EUR"}, "user_type": {"standard"}}
	res := c.post("/users/"+id(bob), form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#email-error").Text(), "already used") {
		t.Fatal("duplicate email not explained beside the field")
	}
	form.Set("email", "robert@acme.test")
	res = c.post("/users/"+id(bob), form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	row := res.doc.Find("#user-" + id(bob) + "[hx-swap-oob]")
	if !strings.Contains(row.Find("td.name").Text(), "Robert") {
		t.Fatalf("row not updated out of band:\n%s", snippet(res.body))
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "user.update"})
	if len(ev) != 1 || !strings.Contains(fmt.Sprint(ev[0].Details["before"]), "first_name:Bob") ||
		!strings.Contains(fmt.Sprint(ev[0].Details["after"]), "first_name:Robert") {
		t.Fatalf("update audit: %+v", ev)
	}

	// Plain form (no htmx) redirects back to the sidebar page.
	res = c.post("/users/"+id(bob), form)
	wantStatus(t, res, http.StatusSeeOther)
}

func TestRoleToggles(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	res := c.post("/users/"+id(bob)+"/roles", url.Values{"role": {fmt.Sprint(env.roles["member"]), fmt.Sprint(env.roles["auditor"])}}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.doc.Find("#user-"+id(bob)+" td.roles").Text(), "Auditor") {
		t.Fatal("row does not show the new role")
	}
	_, otherRoles := env.newTenant("Other", "other")
	res = c.post("/users/"+id(bob)+"/roles", url.Values{"role": {fmt.Sprint(otherRoles["tenant_admin"])}}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	held, _ := env.st.AccountRoles(context.Background(), env.tenant.ID, []int64{bob.ID})
	if len(held[bob.ID]) != 2 {
		t.Fatalf("a refused change altered roles: %+v", held[bob.ID])
	}
}

func TestLastManagerAndSelf(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	mgr := env.user("mgr@acme.test", "standard", "active", "user_manager")
	c := env.signedIn("mgr@acme.test")
	// A User Manager may not demote an Admin: only an Admin makes or unmakes Admins.
	res := c.post("/users/"+id(env.admin), url.Values{"first_name": {"Admin"}, "last_name": {"Tester"}, "email": {"admin@acme.test"},
		"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#user_type-error").Text(), "Only an administrator") {
		t.Fatalf("demoting an Admin not explained:\n%s", snippet(res.body))
	}
	// The admin steps down (as an admin may), so mgr is the last one who manages users.
	p := profileOf(env.admin, "Admin", "Tester")
	p.UserType = "standard"
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), env.admin.ID, p); err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoles(context.Background(), actorFor(env), env.admin.ID, nil); err != nil {
		t.Fatal(err)
	}
	res = c.post("/users/"+id(mgr)+"/roles", url.Values{}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "nobody else could then manage users") {
		t.Fatalf("refusal not explained:\n%s", snippet(res.body))
	}
	res = c.post("/users/"+id(mgr)+"/deactivate", nil, htmx("user-"+id(mgr))...)
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.Header.Get("HX-Trigger"), "cannot deactivate") {
		t.Fatalf("self-deactivation: %d %s", res.StatusCode, res.Header.Get("HX-Trigger"))
	}
}
