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

func TestModules(t *testing.T) {
	t.Parallel()
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
	if res.Header.Get("Location") != tp("/modules?done=created") {
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
