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

func TestRolesOfAnotherTenantAreNotFound(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	other, _ := env.newTenant("Other", "other")
	theirs, err := env.st.CreateRole(context.Background(), store.Actor{TenantID: other.ID}, store.RoleSpec{Name: "Theirs", Permissions: []string{"users.view"}})
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	for _, path := range []string{fmt.Sprintf("/roles/%d/edit", theirs), "/roles/abc/edit", "/roles/0/edit", fmt.Sprintf("/roles/new?from=%d", theirs)} {
		wantStatus(t, c.get(path), http.StatusNotFound)
	}
	for _, action := range []string{"", "/delete"} {
		res := c.post(fmt.Sprintf("/roles/%d%s", theirs, action), url.Values{"name": {"Mine now"}, "confirm": {"1"}})
		wantStatus(t, res, http.StatusNotFound)
	}
	r := roleNamed(t, env, other.ID, "Theirs")
	if r.ID != theirs {
		t.Fatal("another tenant's role was changed")
	}
	if strings.Contains(c.get("/roles").body, "Theirs") {
		t.Fatal("another tenant's role is listed")
	}
}

func TestRolesReadOnlyViewer(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	role := newRole(t, env, "Sales desk", "users.view")
	module := newModule(t, env, "billing", "Billing")
	env.user("reader@acme.test", "read_only", "active", "user_manager")
	c := env.signedIn("reader@acme.test")
	for path, want := range map[string]string{"/roles": "Sales desk", "/modules": "Billing"} {
		res := c.get(path)
		wantStatus(t, res, http.StatusOK)
		if !strings.Contains(res.doc.Find("main").Text(), want) {
			t.Fatalf("%s does not list %s to a viewer", path, want)
		}
		if n := res.doc.Find(`main form, #role-new, #module-new, main a[href*="/t/acme/edit"], main a[href*="from="]`).Length(); n != 0 {
			t.Fatalf("%s shows %d write controls to a viewer", path, n)
		}
	}
	for _, path := range []string{"/roles/new", fmt.Sprintf("/roles/%d/edit", role), "/modules/new", fmt.Sprintf("/modules/%d/edit", module)} {
		wantStatus(t, c.get(path), http.StatusForbidden)
	}
	for _, path := range []string{"/roles", fmt.Sprintf("/roles/%d", role), fmt.Sprintf("/roles/%d/delete", role),
		"/modules", fmt.Sprintf("/modules/%d", module), fmt.Sprintf("/modules/%d/delete", module)} {
		wantStatus(t, c.post(path, url.Values{"name": {"X"}, "key": {"x"}, "confirm": {"1"}}), http.StatusForbidden)
	}
	if roleNamed(t, env, env.tenant.ID, "Sales desk").ID != role || auditCount(t, env, "module.delete") != 0 {
		t.Fatal("a viewer changed something")
	}
}
