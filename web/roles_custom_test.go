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

func roleCount(t *testing.T, env *testEnv) int {
	t.Helper()
	roles, err := env.st.Roles(context.Background(), env.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(roles)
}

func TestCreateEditDeleteRole(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	newModule(t, env, "billing", "Billing")
	newModule(t, env, "reports-x", "Reports X")
	c := env.signedIn("admin@acme.test")
	ctx := context.Background()

	form := c.get("/roles/new")
	wantStatus(t, form, http.StatusOK)
	for _, label := range []string{"name", "description", "perm-users_view", "perm-audit_view", "module-billing"} {
		if form.doc.Find(`label[for="`+label+`"]`).Length() != 1 || form.doc.Find("#"+label).Length() != 1 {
			t.Errorf("field %s lacks its input or its label", label)
		}
	}
	if form.doc.Find("fieldset legend").Length() != len(roleAreas())+1 {
		t.Fatalf("want one fieldset per area and one for modules, got %d", form.doc.Find("fieldset legend").Length())
	}
	if got := form.doc.Find("#perm-users_view-desc").Text(); got != "See users, their roles and their groups." {
		t.Fatalf("permission description %q", got)
	}

	res := c.post("/roles", url.Values{"name": {"  Billing clerk "}, "description": {"Bills"},
		"permission": {"users.view", "reports.view"}, "module": {"billing"}}, htmx("main")...)
	wantStatus(t, res, http.StatusNoContent)
	if res.Header.Get("HX-Redirect") != tp("/roles?done=created") {
		t.Fatalf("HX-Redirect %q", res.Header.Get("HX-Redirect"))
	}
	r := roleNamed(t, env, env.tenant.ID, "Billing clerk")
	if want := []string{"module:billing", "reports.view", "users.view"}; !slices.Equal(r.Permissions, want) || r.Description != "Bills" {
		t.Fatalf("stored %+v", r)
	}
	if !strings.Contains(c.get("/roles?done=created").doc.Find(`[role="status"]`).Text(), "Role created.") {
		t.Fatal("no confirmation after the redirect")
	}
	ev, _ := env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "role.create", TargetType: "role", TargetID: r.ID})
	if len(ev) != 1 || ev[0].ActorID != env.admin.ID {
		t.Fatalf("create not audited: %+v", ev)
	}

	edit := c.get(fmt.Sprintf("/roles/%d/edit", r.ID))
	wantStatus(t, edit, http.StatusOK)
	if v, _ := edit.doc.Find("#name").Attr("value"); v != "Billing clerk" {
		t.Fatalf("edit form name %q", v)
	}
	if edit.doc.Find("#perm-users_view:checked").Length() != 1 || edit.doc.Find("#module-billing:checked").Length() != 1 ||
		edit.doc.Find("#perm-users_manage:checked").Length() != 0 {
		t.Fatal("edit form does not tick the role's permissions")
	}

	// A plain form post redirects with 303.
	res = c.post(fmt.Sprintf("/roles/%d", r.ID), url.Values{"name": {"Billing lead"}, "description": {""},
		"permission": {"users.view", "users.manage"}, "module": {"reports-x"}})
	wantStatus(t, res, http.StatusSeeOther)
	if res.Header.Get("Location") != tp("/roles?done=saved") {
		t.Fatalf("Location %q", res.Header.Get("Location"))
	}
	r, _ = env.st.Role(ctx, env.tenant.ID, r.ID)
	if want := []string{"module:reports-x", "users.manage", "users.view"}; r.Name != "Billing lead" || !slices.Equal(r.Permissions, want) {
		t.Fatalf("updated %+v", r)
	}
	ev, _ = env.st.AuditEvents(ctx, env.tenant.ID, store.AuditFilter{Action: "role.update", TargetType: "role", TargetID: r.ID})
	if len(ev) != 1 || !strings.Contains(fmt.Sprint(ev[0].Details["before"]), "Billing clerk") {
		t.Fatalf("update not audited with before and after: %+v", ev)
	}

	// Nobody holds it: it goes at once.
	res = c.post(fmt.Sprintf("/roles/%d/delete", r.ID), nil, htmx("roles-dialog")...)
	wantStatus(t, res, http.StatusNoContent)
	if res.Header.Get("HX-Redirect") != tp("/roles?done=deleted") {
		t.Fatalf("HX-Redirect %q", res.Header.Get("HX-Redirect"))
	}
	if _, err := env.st.Role(ctx, env.tenant.ID, r.ID); err == nil {
		t.Fatal("role not deleted")
	}
	if auditCount(t, env, "role.delete") != 1 {
		t.Fatal("delete not audited")
	}
}

func TestRoleFormRefusesBadInput(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	newModule(t, env, "billing", "Billing")
	other, _ := env.newTenant("Other", "other")
	if _, err := env.st.CreateModule(context.Background(), store.Actor{TenantID: other.ID}, "theirs", "Theirs", ""); err != nil {
		t.Fatal(err)
	}
	existing := newRole(t, env, "Sales Desk", "users.view")
	c := env.signedIn("admin@acme.test")
	good := func() url.Values {
		return url.Values{"name": {"Support"}, "description": {"Helps"}, "permission": {"users.view"}, "module": {"billing"}}
	}
	cases := []struct {
		name, field, value, errField, message string
	}{
		{"duplicate name in another case", "name", "sales DESK", "name", "already exists"},
		{"duplicate of a built-in name", "name", "tenant administrator", "name", "already exists"},
		{"empty name", "name", "   ", "name", "required"},
		{"101-character name", "name", strings.Repeat("é", 101), "name", "at most 100"},
		{"301-character description", "description", strings.Repeat("d", 301), "description", "at most 300"},
		{"unknown permission", "permission", "users.everything", "permissions", "does not exist"},
		{"module permission smuggled as a permission", "permission", "module:billing", "permissions", "does not exist"},
		{"unknown module", "module", "nope", "modules", "does not exist"},
		{"another tenant's module", "module", "theirs", "modules", "does not exist"},
	}
	for _, path := range []string{"/roles", fmt.Sprintf("/roles/%d", existing)} {
		for _, tc := range cases {
			if path != "/roles" && tc.value == "sales DESK" {
				continue // its own name, in another case, is a rename
			}
			t.Run(path+" "+tc.name, func(t *testing.T) {
				before, events := roleCount(t, env), auditCount(t, env, "role.create")+auditCount(t, env, "role.update")
				form := good()
				form.Set(tc.field, tc.value)
				res := c.post(path, form, htmx("main")...)
				wantStatus(t, res, http.StatusUnprocessableEntity)
				msg := res.doc.Find("#" + tc.errField + "-error").Text()
				if !strings.Contains(msg, tc.message) {
					t.Fatalf("%s error %q, want it to say %q\n%s", tc.errField, msg, tc.message, snippet(res.body))
				}
				if res.doc.Find(`[role="alert"]`).Length() == 0 {
					t.Fatal("no alert for screen readers")
				}
				if tc.field == "name" && res.doc.Find("#name[aria-invalid=true][autofocus]").Length() != 1 {
					t.Fatal("the name field is not marked invalid and focused")
				}
				if roleCount(t, env) != before || auditCount(t, env, "role.create")+auditCount(t, env, "role.update") != events {
					t.Fatal("a refused form wrote something")
				}
				if got := roleNamed(t, env, env.tenant.ID, "Sales Desk"); !slices.Equal(got.Permissions, []string{"users.view"}) {
					t.Fatalf("a refused form changed the role: %+v", got)
				}
			})
		}
	}
	// The limits themselves pass.
	res := c.post("/roles", url.Values{"name": {strings.Repeat("é", 100)}, "description": {strings.Repeat("d", 300)}}, htmx("main")...)
	wantStatus(t, res, http.StatusNoContent)
	// Renaming a role to its own name in another case is fine.
	res = c.post(fmt.Sprintf("/roles/%d", existing), url.Values{"name": {"SALES DESK"}, "permission": {"users.view"}})
	wantStatus(t, res, http.StatusSeeOther)
}
