package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestNobodyGivesMoreThanTheyHold: a User Manager cannot give a role with
// permissions they lack (to themselves or anyone), through a user, a group, a
// custom role's permissions, or by making someone an Admin.
func TestNobodyGivesMoreThanTheyHold(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	mgr := env.user("mgr@acme.test", "standard", "active", "user_manager")
	// bob holds nothing the manager lacks: the act-for rule lets the manager
	// change him, and only the grant rule stands in the way.
	bob := env.user("bob@acme.test", "standard", "active")
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Sales", "")
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("mgr@acme.test")
	admin := fmt.Sprint(env.roles["tenant_admin"])
	for name, try := range map[string]func() response{
		"own roles": func() response {
			return c.post("/users/"+id(mgr)+"/roles", url.Values{"role": {fmt.Sprint(env.roles["user_manager"]), admin}}, htmx("role-toggles")...)
		},
		"someone's roles": func() response {
			return c.post("/users/"+id(bob)+"/roles", url.Values{"role": {admin}}, htmx("role-toggles")...)
		},
		"a group's roles": func() response {
			return c.post(fmt.Sprintf("/groups/%d/roles", g.ID), url.Values{"role": {admin}}, htmx("group-roles")...)
		},
		"a new user with roles": func() response {
			return c.post("/users", url.Values{"login": {"eve"}, "first_name": {"Eve"}, "last_name": {"Doe"}, "email": {"eve@acme.test"},
				"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"}, "auth_method": {"sso"},
				"status": {"active"}, "role": {admin}}, htmx("sidebar")...)
		},
		"a new Admin": func() response {
			return c.post("/users", url.Values{"login": {"eve"}, "first_name": {"Eve"}, "last_name": {"Doe"}, "email": {"eve@acme.test"},
				"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"admin"}, "auth_method": {"sso"},
				"status": {"active"}}, htmx("sidebar")...)
		},
		"self made Admin": func() response {
			return c.post("/users/"+id(mgr), url.Values{"first_name": {"Mgr"}, "last_name": {"Tester"}, "email": {"mgr@acme.test"},
				"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"admin"}}, htmx("sidebar")...)
		},
	} {
		t.Run(name, func(t *testing.T) {
			res := try()
			if res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d, want a refusal", res.StatusCode)
			}
			if !strings.Contains(res.body, "only give permissions you hold") && !strings.Contains(res.body, "Only an administrator") {
				t.Fatalf("refusal not explained:\n%s", snippet(res.body))
			}
		})
	}
	perms, _ := env.st.RolePermissions(ctx, env.tenant.ID, mgr.ID)
	if strings.Contains(strings.Join(perms, " "), "roles.manage") {
		t.Fatal("the manager gained permissions")
	}
	if _, err := env.st.AccountByEmail(ctx, env.tenant.ID, "eve@acme.test"); err == nil {
		t.Fatal("a refused user was created")
	}
	// Giving a role within one's own permissions still works.
	res := c.post("/users/"+id(bob)+"/roles", url.Values{"role": {fmt.Sprint(env.roles["user_manager"])}}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusOK)
}

// TestInvisibleCharactersRefused: names that would look like another or read
// backwards are refused with a clear message, on every form.
func TestInvisibleCharactersRefused(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	for _, name := range []string{"Sales\u200b", "\u202eselaS", "Sales\nEMEA", "Sa\u0085les"} {
		for path, form := range map[string]url.Values{
			"/groups":  {"name": {name}},
			"/roles":   {"name": {name}},
			"/modules": {"key": {"mod"}, "name": {name}},
		} {
			res := c.post(path, form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "invisible formatting characters") {
				t.Errorf("%s %q: status %d", path, name, res.StatusCode)
			}
		}
	}
}
