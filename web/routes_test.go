package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// TestRouteTablePermissions walks every route for every kind of visitor: deny
// unless the route's declared permission is held, and never another tenant's data.
func TestRouteTablePermissions(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	target := env.user("target@acme.test", "standard", "active", "member")
	env.user("norole@acme.test", "standard", "active")
	env.user("reader@acme.test", "read_only", "active", "user_manager")
	env.user("manager@acme.test", "standard", "active", "user_manager")
	other, otherRoles := env.newTenant("Other", "other")
	env.userIn(other.ID, otherRoles, "admin@other.test", "admin", "active")
	// A group manager of another tenant, through a custom role there.
	ctx := context.Background()
	gm, err := env.st.CreateRole(ctx, store.Actor{TenantID: other.ID}, store.RoleSpec{Name: "Group keeper",
		Permissions: []string{"users.view", "groups.manage"}})
	if err != nil {
		t.Fatal(err)
	}
	otherRoles["group_keeper"] = gm
	env.userIn(other.ID, otherRoles, "groups@other.test", "standard", "active", "group_keeper")

	// This tenant's objects that routes name by id.
	by := store.Actor{TenantID: env.tenant.ID, AccountID: env.admin.ID}
	group, err := env.st.CreateGroup(ctx, by, "Walkers", "")
	if err != nil {
		t.Fatal(err)
	}
	role, err := env.st.CreateRole(ctx, by, store.RoleSpec{Name: "Walker", Permissions: []string{"users.view"}})
	if err != nil {
		t.Fatal(err)
	}
	module, err := env.st.CreateModule(ctx, by, "walk", "Walk", "")
	if err != nil {
		t.Fatal(err)
	}
	project, err := env.st.CreateProject(ctx, by, "Walkway", "")
	if err != nil {
		t.Fatal(err)
	}
	// Someone on it, so its delete route answers a confirmation and the project stays.
	if err := env.st.AddProjectUsers(ctx, by, project.ID, []int64{target.ID}, "write", true); err != nil {
		t.Fatal(err)
	}
	if err := env.st.Enqueue(ctx, nil, store.Mail{TenantID: env.tenant.ID, Kind: "test", To: "target@acme.test",
		Subject: "Walk", Text: "target@acme.test", HTML: "<p>target@acme.test</p>"}); err != nil {
		t.Fatal(err)
	}
	mails, err := env.st.Outbox(ctx, env.tenant.ID, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	invited := env.user("invited@acme.test", "standard", "pending")
	// Registration open, so its form answers (a token stays malformed: using
	// a real one would sign the visitor in as someone else mid-walk).
	if err := env.st.UpdateSettings(ctx, by, store.Settings{SelfRegistration: true, InviteDays: 7}); err != nil {
		t.Fatal(err)
	}
	// The target's avatar, so its URL answers this tenant and 404s another.
	avatarKey, err := env.st.SetAvatar(ctx, store.Actor{TenantID: env.tenant.ID, AccountID: target.ID}, tinyPNG(t))
	if err != nil {
		t.Fatal(err)
	}
	svc, err := env.st.CreateServiceAccount(ctx, by, store.NewServiceAccount{Name: "Walk sync"})
	if err != nil {
		t.Fatal(err)
	}
	// A bulk action, so its pages answer this tenant and 404 another.
	job, err := env.st.CreateJob(ctx, by, store.NewJob{Principal: "{}", Action: "activate", Params: "{}",
		Items: []store.JobItem{{AccountID: target.ID, Label: target.Login}}})
	if err != nil {
		t.Fatal(err)
	}
	// An uploaded import file, so its routes answer this tenant and 404 another.
	upload, err := env.st.SaveImportFile(ctx, by, "walk.csv", []byte("login,email\nwalker,walker@acme.test\n"))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{"import": upload.Key, "jobs": fmt.Sprint(job.ID), "users": id(target), "groups": fmt.Sprint(group.ID), "roles": fmt.Sprint(role), "modules": fmt.Sprint(module),
		"projects": fmt.Sprint(project.ID), "invitations": id(invited), "mail": fmt.Sprint(mails[0].ID),
		"service-accounts": fmt.Sprint(svc.ID), "accounts": id(target), "tenants": fmt.Sprint(env.tenant.ID)}
	pathOf := func(route string) string {
		parts := strings.Split(route, "/")
		for i, p := range parts {
			switch {
			case p == ":key" && parts[i-1] == "avatars":
				parts[i] = avatarKey + ".png"
			case p == ":id" && i > 0:
				parts[i] = ids[parts[i-1]]
			case p == ":slug":
				parts[i] = env.tenant.Slug
			case strings.HasPrefix(p, ":"):
				parts[i] = id(target) // any other id names an account
			case p == "*":
				parts[i] = "app.css"
			}
		}
		return strings.Join(parts, "/")
	}

	all := map[auth.Permission]bool{}
	for _, p := range auth.Catalog {
		all[p.Key] = true
	}
	visitors := []struct {
		name, email string
		perms       map[auth.Permission]bool
		otherTenant bool
	}{
		{"no session", "", nil, false},
		{"no role", "norole@acme.test", map[auth.Permission]bool{}, false},
		{"read-only user manager", "reader@acme.test", map[auth.Permission]bool{auth.UsersView: true, auth.ReportsView: true}, false},
		{"user manager", "manager@acme.test", map[auth.Permission]bool{auth.UsersView: true, auth.UsersManage: true, auth.GroupsManage: true, auth.ReportsView: true}, false},
		{"administrator", "admin@acme.test", all, false},
		{"administrator of another tenant", "admin@other.test", all, true},
		{"group manager of another tenant", "groups@other.test", map[auth.Permission]bool{auth.UsersView: true, auth.GroupsManage: true}, true},
	}
	for _, v := range visitors {
		t.Run(v.name, func(t *testing.T) {
			c := env.client()
			if v.email != "" {
				c = env.signedIn(v.email)
			}
			for _, r := range env.h.Routes() {
				path := pathOf(r.Path)
				var res response
				if r.Method == http.MethodGet {
					res = c.get(path)
				} else {
					res = c.post(path, nil)
				}
				name := r.Method + " " + r.Path
				loc := res.Header.Get("Location")
				switch {
				case r.Perm == auth.Public:
					if res.StatusCode == http.StatusForbidden {
						t.Errorf("%s: public route refused", name)
					}
				case v.email == "":
					if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/signin") {
						t.Errorf("%s: without a session got %d %q, want a redirect to sign-in", name, res.StatusCode, loc)
					}
				case r.Perm != auth.SignedIn && !v.perms[r.Perm]:
					if res.StatusCode != http.StatusForbidden {
						t.Errorf("%s: without %s got %d, want 403", name, r.Perm, res.StatusCode)
					}
				case v.otherTenant && strings.Contains(r.Path, "/:"):
					if res.StatusCode != http.StatusNotFound {
						t.Errorf("%s: another tenant's id got %d, want 404", name, res.StatusCode)
					}
					if strings.Contains(res.body, "target@acme.test") {
						t.Errorf("%s: another tenant's data leaked", name)
					}
				default:
					if res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 || strings.HasPrefix(loc, "/signin?") {
						t.Errorf("%s: allowed visitor got %d %q", name, res.StatusCode, loc)
					}
				}
				if r.Path == "/signout" && v.email != "" {
					c = env.signedIn(v.email)
				}
			}
		})
	}
}

// TestServerRefusesUndeclaredRoutes: deny by default, at start-up.
func TestServerRefusesUndeclaredRoutes(t *testing.T) {
	t.Parallel()
	ok := func(echo.Context) error { return nil }
	for _, bad := range []Route{
		{http.MethodGet, "/x", "", ok},
		{http.MethodGet, "/x", "users.everything", ok},
	} {
		if err := checkRoutes([]Route{bad}); err == nil {
			t.Errorf("route with permission %q accepted", bad.Perm)
		}
	}
	env := newEnv(t)
	if err := checkRoutes(env.h.Routes()); err != nil {
		t.Fatal(err)
	}
}
