package web

import (
	"context"
	"testing"

	"github.com/console-dev/console/store"
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
