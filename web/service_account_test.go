package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// TestServiceAccountGroups: the console form puts a new service account in
// groups only for someone holding groups.manage, and only in groups whose
// roles that person could give; otherwise 422 with the error on the groups.
func TestServiceAccountGroups(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	viewers, admins := serviceGroups(t, env)
	env.customUser("nogroups@acme.test", "apikeys.manage", "users.view", "projects.view")
	env.customUser("groups@acme.test", "apikeys.manage", "users.view", "projects.view", "groups.manage")
	noGroups, withGroups := env.signedIn("nogroups@acme.test"), env.signedIn("groups@acme.test")

	for _, tc := range []struct {
		name  string
		c     *client
		group int64
		want  string
	}{
		{"without groups.manage", noGroups, viewers, "Putting an account in groups needs the permission to manage groups."},
		{"group beyond own access", withGroups, admins, "Refused: you can only give permissions you hold yourself."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.c.post("/service-accounts", url.Values{"name": {"Sync " + tc.name}, "group": {itoa(tc.group)}})
			wantStatus(t, res, http.StatusUnprocessableEntity)
			var onGroups, onRoles string
			res.doc.Find("fieldset").Each(func(_ int, fs *goquery.Selection) {
				msg := fs.Find(".field-error").Text()
				switch strings.TrimSpace(fs.Find("legend").Text()) {
				case "Groups":
					onGroups = msg
				case "Roles":
					onRoles = msg
				}
			})
			if !strings.Contains(onGroups, tc.want) || onRoles != "" {
				t.Fatalf("error on groups %q, on roles %q; want %q on groups", onGroups, onRoles, tc.want)
			}
		})
	}
	if list, _ := env.st.ServiceAccounts(context.Background(), env.tenant.ID, 0, 10); len(list) != 0 {
		t.Fatalf("%d service accounts created despite the refusals", len(list))
	}
	wantStatus(t, noGroups.post("/service-accounts", url.Values{"name": {"No group"}, "role": {itoa(env.roles["member"])}}), http.StatusSeeOther)
	wantStatus(t, withGroups.post("/service-accounts", url.Values{"name": {"Viewer"}, "group": {itoa(viewers)}}), http.StatusSeeOther)
}

// TestAPIServiceAccountGroups: creating a service account in groups needs
// groups.manage (as adding a member does), and the groups' roles must be
// ones the caller could give: 403 naming group_ids otherwise.
func TestAPIServiceAccountGroups(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	viewers, admins := serviceGroups(t, env)
	noGroups := env.customUser("nogroups@acme.test", "apikeys.manage", "users.view", "projects.view")
	withGroups := env.customUser("groups@acme.test", "apikeys.manage", "users.view", "projects.view", "groups.manage")
	k1, _ := env.keyFor(noGroups, time.Time{})
	k2, _ := env.keyFor(withGroups, time.Time{})

	for name, tc := range map[string]struct {
		key   string
		group int64
	}{
		"without groups.manage":   {k1, viewers},
		"group beyond own access": {k2, admins},
	} {
		t.Run(name, func(t *testing.T) {
			r := env.call(tc.key, "POST", "/service-accounts", map[string]any{"name": "Sync " + name, "group_ids": []int64{tc.group}})
			wantAPI(t, r, http.StatusForbidden)
			if f := fieldErrors(r); !f["group_ids"] || f["role_ids"] {
				t.Errorf("errors name %v, want group_ids: %s", f, r.raw)
			}
		})
	}
	list, err := env.st.ServiceAccounts(ctx, env.tenant.ID, 0, 10)
	if err != nil || len(list) != 0 {
		t.Fatalf("%d service accounts after refusals (%v)", len(list), err)
	}
	wantAPI(t, env.call(k1, "POST", "/service-accounts", map[string]any{"name": "No group"}), 201)
	wantAPI(t, env.call(k2, "POST", "/service-accounts", map[string]any{"name": "Viewer", "group_ids": []int64{viewers}}), 201)
}

// serviceGroups makes a group giving Member (projects.view) and one giving
// Tenant Administrator.
func serviceGroups(t *testing.T, env *testEnv) (viewers, admins int64) {
	t.Helper()
	ctx := context.Background()
	for _, g := range []struct {
		name string
		role string
		id   *int64
	}{{"Viewers", "member", &viewers}, {"Admins", "tenant_admin", &admins}} {
		grp, err := env.st.CreateGroup(ctx, actorFor(env), g.name, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := env.st.SetGroupRoles(ctx, actorFor(env), grp.ID, []int64{env.roles[g.role]}); err != nil {
			t.Fatal(err)
		}
		*g.id = grp.ID
	}
	return viewers, admins
}

// customUser makes a Standard user holding one custom role with perms.
func (e *testEnv) customUser(email string, perms ...string) store.Account {
	e.t.Helper()
	ctx := context.Background()
	role, err := e.st.CreateRole(ctx, store.Actor{TenantID: e.tenant.ID}, store.RoleSpec{Name: "Role of " + email, Permissions: perms})
	if err != nil {
		e.t.Fatal(err)
	}
	u := e.user(email, "standard", "active")
	if err := e.st.SetRoles(ctx, actorFor(e), u.ID, []int64{role}); err != nil {
		e.t.Fatal(err)
	}
	return u
}
