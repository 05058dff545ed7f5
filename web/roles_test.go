package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// roleNamed finds a tenant's role by name, or fails.
func roleNamed(t *testing.T, env *testEnv, tenantID int64, name string) store.Role {
	t.Helper()
	roles, err := env.st.Roles(context.Background(), tenantID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no role named %q", name)
	return store.Role{}
}

func roleCount(t *testing.T, env *testEnv) int {
	t.Helper()
	roles, err := env.st.Roles(context.Background(), env.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(roles)
}

func auditCount(t *testing.T, env *testEnv, action string) int {
	t.Helper()
	ev, err := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return len(ev)
}

func newModule(t *testing.T, env *testEnv, key, name string) int64 {
	t.Helper()
	id, err := env.st.CreateModule(context.Background(), actorFor(env), key, name, "")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newRole(t *testing.T, env *testEnv, name string, perms ...string) int64 {
	t.Helper()
	id, err := env.st.CreateRole(context.Background(), actorFor(env), store.RoleSpec{Name: name, Permissions: perms})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// speakFrench switches the env's admin to the browser's language and the client's browser to French.
func speakFrench(t *testing.T, env *testEnv, c *client) {
	t.Helper()
	p := profileOf(env.admin, env.admin.FirstName, env.admin.LastName)
	p.Language = "browser"
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), env.admin.ID, p); err != nil {
		t.Fatal(err)
	}
	c.lang = "fr-FR,fr;q=0.9"
}

func TestRolesPage(t *testing.T) {
	env := newEnv(t)
	newModule(t, env, "billing", "Billing")
	sales := newRole(t, env, "Sales desk", "users.view", "module:billing")
	c := env.signedIn("admin@acme.test")

	full := c.get("/roles")
	wantStatus(t, full, http.StatusOK)
	if full.doc.Find("html").Length() != 1 || full.doc.Find("h1").Text() != "Roles" {
		t.Fatal("a full load needs the layout and the page heading")
	}
	if !strings.Contains(full.Header.Get("Vary"), "HX-Request") {
		t.Fatal("no Vary: HX-Request")
	}
	builtin := full.doc.Find(`section[aria-labelledby="builtin-roles-heading"] tbody tr`)
	if builtin.Length() != len(auth.BuiltinRoles()) {
		t.Fatalf("%d built-in rows", builtin.Length())
	}
	manager := full.doc.Find(fmt.Sprintf("#role-%d", env.roles["user_manager"]))
	if got := manager.Find("th").Text(); got != "User Manager" {
		t.Fatalf("built-in name %q", got)
	}
	for _, want := range []string{"View users", "Manage groups", "View reports", "Users and access"} {
		if !strings.Contains(manager.Text(), want) {
			t.Errorf("built-in row does not list %q: %s", want, manager.Text())
		}
	}
	if manager.Find(`[id$="-edit"], [id$="-delete"]`).Length() != 0 || manager.Find(`a[id$="-copy"]`).Length() != 1 {
		t.Fatal("a built-in role offers copy, never edit or delete")
	}
	row := full.doc.Find(fmt.Sprintf("#role-%d", sales))
	if !strings.Contains(row.Text(), "Billing") || !strings.Contains(row.Text(), "Modules") {
		t.Fatalf("custom row does not show its module by name: %s", row.Text())
	}
	if row.Find(`a[aria-label="Edit Sales desk"]`).Length() != 1 || row.Find(`button[aria-label="Delete Sales desk"]`).Length() != 1 {
		t.Fatal("a custom role needs named edit and delete controls")
	}

	frag := c.get("/roles", htmx("main")...)
	wantStatus(t, frag, http.StatusOK)
	if strings.Contains(frag.body, "<html") || frag.doc.Find("h1").Text() != "Roles" || frag.doc.Find("title").Text() != "Roles · Console" {
		t.Fatalf("htmx gets the block with its title:\n%s", snippet(frag.body))
	}

	speakFrench(t, env, c)
	fr := c.get("/roles")
	for _, want := range []string{"Rôles prédéfinis", "Rôles personnalisés", "Voir les utilisateurs", "Gestionnaire des utilisateurs"} {
		if !strings.Contains(fr.doc.Find("main").Text(), want) {
			t.Errorf("French page lacks %q", want)
		}
	}
}

func TestCreateEditDeleteRole(t *testing.T) {
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
	if res.Header.Get("HX-Redirect") != "/roles?done=created" {
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
	if res.Header.Get("Location") != "/roles?done=saved" {
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
	if res.Header.Get("HX-Redirect") != "/roles?done=deleted" {
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

func TestRolesOfAnotherTenantAreNotFound(t *testing.T) {
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

func TestBuiltinRolesAreReadOnly(t *testing.T) {
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	id := env.roles["auditor"]
	res := c.get(fmt.Sprintf("/roles/%d/edit", id))
	wantStatus(t, res, http.StatusForbidden)
	if !strings.Contains(res.doc.Find("main").Text(), "Built-in roles cannot be changed or deleted") {
		t.Fatalf("refusal not explained:\n%s", snippet(res.body))
	}
	res = c.post(fmt.Sprintf("/roles/%d", id), url.Values{"name": {"Auditor"}, "permission": {"users.manage"}})
	wantStatus(t, res, http.StatusForbidden)
	res = c.post(fmt.Sprintf("/roles/%d/delete", id), url.Values{"confirm": {"1"}}, htmx("roles-dialog")...)
	wantStatus(t, res, http.StatusForbidden)
	if !strings.Contains(res.Header.Get("HX-Trigger"), "Built-in roles cannot be changed") {
		t.Fatalf("htmx refusal not told: %q", res.Header.Get("HX-Trigger"))
	}
	r, err := env.st.Role(context.Background(), env.tenant.ID, id)
	if err != nil || slices.Contains(r.Permissions, "users.manage") {
		t.Fatalf("built-in role changed: %+v %v", r, err)
	}
	// Copying a built-in is how to start from one.
	cp := c.get(fmt.Sprintf("/roles/new?from=%d", id))
	wantStatus(t, cp, http.StatusOK)
	if v, _ := cp.doc.Find("#name").Attr("value"); v != "Auditor (copy)" || cp.doc.Find("#perm-audit_view:checked").Length() != 1 {
		t.Fatalf("copy prefilled %q", v)
	}
}

func TestDeleteHeldRoleAsksFirst(t *testing.T) {
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
	if a, _ := confirm.Attr("hx-post"); a != path || confirm.Find(`input[name="confirm"][value="1"]`).Length() != 1 {
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

func TestRolesReadOnlyViewer(t *testing.T) {
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
		if n := res.doc.Find(`main form, #role-new, #module-new, main a[href*="/edit"], main a[href*="from="]`).Length(); n != 0 {
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

func TestModules(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	c := env.signedIn("admin@acme.test")

	form := c.get("/modules/new")
	wantStatus(t, form, http.StatusOK)
	for _, f := range []string{"key", "name", "description"} {
		if form.doc.Find(`label[for="`+f+`"]`).Length() != 1 {
			t.Errorf("field %s has no label", f)
		}
	}
	badKeys := map[string]string{"empty": "", "upper case": "Billing", "digit first": "1billing", "dash first": "-billing",
		"space": "bill ing", "accent": "é", "colon": "mod:x", "41 characters": "a" + strings.Repeat("b", 40)}
	for name, key := range badKeys {
		t.Run("key "+name, func(t *testing.T) {
			res := c.post("/modules", url.Values{"key": {key}, "name": {"Billing"}}, htmx("main")...)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if res.doc.Find("#key-error").Text() == "" || res.doc.Find("#key[autofocus]").Length() != 1 {
				t.Fatalf("key %q: no message beside the key field\n%s", key, snippet(res.body))
			}
		})
	}
	res := c.post("/modules", url.Values{"key": {"billing"}, "name": {""}}, htmx("main")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#name-error").Text(), "required") {
		t.Fatal("empty module name accepted")
	}
	if auditCount(t, env, "module.create") != 0 {
		t.Fatal("refused forms created modules")
	}
	res = c.post("/modules", url.Values{"key": {"b" + strings.Repeat("-", 38) + "9"}, "name": {"Longest"}}, htmx("main")...)
	wantStatus(t, res, http.StatusNoContent)
	res = c.post("/modules", url.Values{"key": {"billing"}, "name": {"Billing"}, "description": {"Invoices and payments"}})
	wantStatus(t, res, http.StatusSeeOther)
	if res.Header.Get("Location") != "/modules?done=created" {
		t.Fatalf("Location %q", res.Header.Get("Location"))
	}
	res = c.post("/modules", url.Values{"key": {"billing"}, "name": {"Billing again"}}, htmx("main")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#key-error").Text(), "already uses this key") {
		t.Fatalf("duplicate key not explained:\n%s", snippet(res.body))
	}
	mods, _ := env.st.Modules(ctx, env.tenant.ID)
	if len(mods) != 2 || auditCount(t, env, "module.create") != 2 {
		t.Fatalf("modules %+v", mods)
	}
	billing := mods[0]
	if billing.Key != "billing" {
		billing = mods[1]
	}

	// The key cannot change; the name and description can.
	edit := c.get(fmt.Sprintf("/modules/%d/edit", billing.ID))
	wantStatus(t, edit, http.StatusOK)
	if edit.doc.Find(`input[name="key"]`).Length() != 0 || !strings.Contains(edit.doc.Find("dl.readonly").Text(), "module:billing") {
		t.Fatal("the key must show read-only")
	}
	res = c.post(fmt.Sprintf("/modules/%d", billing.ID), url.Values{"key": {"changed"}, "name": {"Billing & invoices"}}, htmx("main")...)
	wantStatus(t, res, http.StatusNoContent)
	mods, _ = env.st.Modules(ctx, env.tenant.ID)
	if !slices.ContainsFunc(mods, func(m store.Module) bool { return m.Key == "billing" && m.Name == "Billing & invoices" }) {
		t.Fatalf("update: %+v", mods)
	}
	if auditCount(t, env, "module.update") != 1 {
		t.Fatal("module update not audited")
	}

	// A role granting it shows on the modules page; deleting asks, then takes the grant away.
	role := newRole(t, env, "Billing clerk", "users.view", "module:billing")
	list := c.get("/modules")
	if !strings.Contains(list.doc.Find(fmt.Sprintf("#module-row-%d", billing.ID)).Text(), "Billing clerk") {
		t.Fatal("the modules page does not say which roles grant a module")
	}
	path := fmt.Sprintf("/modules/%d/delete", billing.ID)
	res = c.post(path, nil, htmx("modules-dialog")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "1 role grants access to this module") {
		t.Fatalf("module delete confirmation:\n%s", snippet(res.body))
	}
	res = c.post(path, url.Values{"confirm": {"1"}}, htmx("modules-dialog")...)
	wantStatus(t, res, http.StatusNoContent)
	r, _ := env.st.Role(ctx, env.tenant.ID, role)
	if !slices.Equal(r.Permissions, []string{"users.view"}) {
		t.Fatalf("the role kept the deleted module: %+v", r.Permissions)
	}
	if auditCount(t, env, "module.delete") != 1 {
		t.Fatal("module delete not audited")
	}

	// Another tenant's module is not found.
	other, _ := env.newTenant("Other", "other")
	theirs, err := env.st.CreateModule(ctx, store.Actor{TenantID: other.ID}, "theirs", "Theirs", "")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, c.get(fmt.Sprintf("/modules/%d/edit", theirs)), http.StatusNotFound)
	for _, action := range []string{"", "/delete"} {
		wantStatus(t, c.post(fmt.Sprintf("/modules/%d%s", theirs, action), url.Values{"name": {"Mine"}, "confirm": {"1"}}), http.StatusNotFound)
	}
	if m, _ := env.st.Modules(ctx, other.ID); len(m) != 1 || m[0].Name != "Theirs" {
		t.Fatal("another tenant's module changed")
	}
}

// TestPermissionCatalogIsTranslated: every permission, area and built-in role
// description the pages build a key for exists in both languages.
func TestPermissionCatalogIsTranslated(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		ids, err := views.MessageIDs(lang)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, id := range ids {
			have[id] = true
		}
		want := []string{"area_modules", "area_other"}
		for _, p := range auth.Catalog {
			k := views.PermKey(string(p.Key))
			want = append(want, "perm_"+k, "perm_"+k+"_desc", "area_"+p.Area)
		}
		for _, r := range auth.BuiltinRoles() {
			want = append(want, "role_"+r.Key+"_desc")
		}
		for _, id := range want {
			if !have[id] {
				t.Errorf("%s catalog lacks %s", lang, id)
			}
		}
	}
}

// TestRolePagesWorkByKeyboard: every control of the role form is a real,
// labelled form control, so the keyboard and screen readers reach them.
func TestRolePagesWorkByKeyboard(t *testing.T) {
	env := newEnv(t)
	newModule(t, env, "billing", "Billing")
	c := env.signedIn("admin@acme.test")
	res := c.get("/roles/new")
	res.doc.Find(`main input:not([type="hidden"]), main textarea`).Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if id == "" || res.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("control %s has no label", id)
		}
	})
	if res.doc.Find(`main [tabindex]:not([tabindex="-1"])`).Length() != 0 {
		t.Error("positive tabindex breaks the keyboard order")
	}
}

// TestBrowserRoles: the htmx swaps of the roles page in a real browser — the
// form opens in place with focus on its first field, a permission is ticked by
// keyboard, and deleting a held role asks first, with focus on the question.
func TestBrowserRoles(t *testing.T) {
	env := newEnv(t)
	newModule(t, env, "billing", "Billing")
	ctx := browser(t)
	step(t, ctx, "sign in",
		chromedp.Navigate(env.srv.URL+"/roles"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@acme.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword+"\r"),
		chromedp.WaitVisible(chromedp.CSS("#roles-heading")),
	)
	step(t, ctx, "mark page", chromedp.Evaluate[chromedp.Void]("window.__noReload = true"))
	step(t, ctx, "open the new role form", chromedp.Click(chromedp.CSS("#role-new")))
	waitFor(t, ctx, "the form replaces the list in place, focused, titled and in the address bar",
		`document.activeElement.id === 'name' && document.title === 'New role · Console' && location.pathname === '/roles/new' && window.__noReload === true`)
	step(t, ctx, "fill the form by keyboard",
		chromedp.SendKeys(chromedp.CSS("#name"), "Billing clerk"),
		chromedp.Focus(chromedp.CSS("#perm-users_view")), chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS("#module-billing")), chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS(".role-form button.primary")), chromedp.KeyEvent("\r"),
	)
	roleWaitLoad(t, ctx, "the roles page says the role was created",
		`location.search === '?done=created' && document.querySelector('[role=status]').textContent === 'Role created.'`)
	r := roleNamed(t, env, env.tenant.ID, "Billing clerk")
	if !slices.Equal(r.Permissions, []string{"module:billing", "users.view"}) {
		t.Fatalf("created with %v", r.Permissions)
	}
	if err := env.st.SetRoles(context.Background(), actorFor(env), env.user("bob@acme.test", "standard", "active").ID, []int64{r.ID}); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "delete the held role", chromedp.Click(chromedp.CSS(fmt.Sprintf("#role-%d-delete", r.ID))))
	waitFor(t, ctx, "the question shows, focused, with the count",
		`document.activeElement.id === 'dialog-title' && document.querySelector('#roles-dialog').textContent.includes('1 user and 0 groups hold this role')`)
	step(t, ctx, "delete anyway", chromedp.Click(chromedp.CSS("#dialog-confirm")))
	roleWaitLoad(t, ctx, "the role is gone", `location.search === '?done=deleted' && document.querySelector('#role-`+fmt.Sprint(r.ID)+`') === null`)
}

// roleWaitLoad is waitFor across a page load (an HX-Redirect), which ends
// every evaluation under way: it retries until the new page says expr.
func roleWaitLoad(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	expr = "document.readyState === 'complete' && (" + expr + ") && " + htmxIdle
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting until %s", what)
}
