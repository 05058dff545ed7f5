package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
)

func TestRolesPage(t *testing.T) {
	t.Parallel()
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
