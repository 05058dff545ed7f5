package ops_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// world is a store on a temporary SQLite file with tenants made of the
// built-in roles, and the operations over it.
type world struct {
	t   *testing.T
	ctx context.Context
	st  *store.Store
	ops *ops.Ops
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o := ops.New(st, nil, nil, nil)
	if o.Sealer, err = auth.NewSealer(make([]byte, 32)); err != nil {
		t.Fatal(err)
	}
	return &world{t: t, ctx: ctx, st: st, ops: o}
}

// tenant creates a root tenant and returns it with its roles by built-in key.
func (w *world) tenant(slug string) (store.Tenant, map[string]int64) {
	w.t.Helper()
	return w.child(slug, 0)
}

// account creates an account without any guard and returns it as a principal.
func (w *world) account(tenantID int64, login, userType, status string, roleIDs ...int64) ops.Principal {
	w.t.Helper()
	a, err := w.st.CreateAccount(w.ctx, store.Actor{TenantID: tenantID}, store.NewAccount{
		Profile: store.Profile{FirstName: login, LastName: "Tester", Email: login + "@example.test", Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: userType},
		Login: login, Status: status, AuthMethod: "sso", RoleIDs: roleIDs})
	if err != nil {
		w.t.Fatalf("create %s: %v", login, err)
	}
	return ops.Principal{TenantID: tenantID, AccountID: a.ID, IP: "192.0.2.1"}
}

func (w *world) projects(tenantID int64) []store.Project {
	w.t.Helper()
	list, err := w.st.Projects(w.ctx, tenantID, store.ProjectFilter{IncludeArchived: true})
	if err != nil {
		w.t.Fatal(err)
	}
	return list
}

func (w *world) role(tenantID int64, name string) (store.Role, bool) {
	w.t.Helper()
	roles, err := w.st.Roles(w.ctx, tenantID)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, r := range roles {
		if r.Name == name {
			return r, true
		}
	}
	return store.Role{}, false
}

// refused fails unless err is an operation's refusal of kind.
func refused(t *testing.T, err error, kind ops.Kind) *ops.Error {
	t.Helper()
	e, ok := ops.As(err)
	if !ok || e.Kind != kind {
		t.Fatalf("err = %v, want an *ops.Error of kind %d", err, kind)
	}
	return e
}

// TestCreateProjectNeedsProjectsManage: without projects.manage the
// operation is refused as Forbidden and nothing is written; with it, it runs.
func TestCreateProjectNeedsProjectsManage(t *testing.T) {
	w := newWorld(t)
	tn, roles := w.tenant("acme")
	member := w.account(tn.ID, "member", "standard", "active", roles["member"])
	_, err := w.ops.CreateProject(w.ctx, member, "Apollo", "")
	refused(t, err, ops.Forbidden)
	if got := w.projects(tn.ID); len(got) != 0 {
		t.Fatalf("a refused project was written: %+v", got)
	}
	pm := w.account(tn.ID, "pm", "standard", "active", roles["project_manager"])
	p, err := w.ops.CreateProject(w.ctx, pm, "Apollo", "")
	if err != nil {
		t.Fatal(err)
	}
	// Deleting, too, needs the permission.
	refused(t, w.ops.DeleteProject(w.ctx, member, p.ID), ops.Forbidden)
	if got := w.projects(tn.ID); len(got) != 1 {
		t.Fatalf("projects after a refused delete: %+v", got)
	}
}

// TestProjectInputRefused: a bad name or access is refused before the store.
func TestProjectInputRefused(t *testing.T) {
	w := newWorld(t)
	tn, roles := w.tenant("acme")
	pm := w.account(tn.ID, "pm", "standard", "active", roles["project_manager"])
	_, err := w.ops.CreateProject(w.ctx, pm, "", "")
	if e := refused(t, err, ops.Invalid); e.Fields["name"] == "" {
		t.Fatalf("no name message: %+v", e)
	}
	p, err := w.ops.CreateProject(w.ctx, pm, "Apollo", "")
	if err != nil {
		t.Fatal(err)
	}
	err = w.ops.AddProjectUsers(w.ctx, pm, p.ID, []int64{pm.AccountID}, "admin", false)
	if e := refused(t, err, ops.Invalid); e.Fields["access"] == "" {
		t.Fatalf("no access message: %+v", e)
	}
	many := make([]int64, ops.MaxIDs+1)
	for i := range many {
		many[i] = int64(i + 1)
	}
	refused(t, w.ops.AddProjectUsers(w.ctx, pm, p.ID, many, "read", false), ops.Invalid)
	if err := w.ops.AddProjectUsers(w.ctx, pm, p.ID, []int64{pm.AccountID, pm.AccountID}, "read", true); err != nil {
		t.Fatalf("repeated id: %v", err)
	}
}

// TestRoleGrantRule: a non-Admin with roles.manage cannot put into a role a
// permission they lack (tenant.settings), creating or editing it; what they
// hold they may, and an Admin may put anything.
func TestRoleGrantRule(t *testing.T) {
	w := newWorld(t)
	tn, roles := w.tenant("acme")
	mgrRole, err := w.st.CreateRole(w.ctx, store.Actor{TenantID: tn.ID},
		store.RoleSpec{Name: "Role manager", Permissions: []string{"users.view", "roles.manage"}})
	if err != nil {
		t.Fatal(err)
	}
	mgr := w.account(tn.ID, "mgr", "standard", "active", mgrRole)
	_, err = w.ops.CreateRole(w.ctx, mgr, form.Role{Name: "Escalate", Perms: []string{"tenant.settings"}})
	if e := refused(t, err, ops.Forbidden); e.Fields["permissions"] == "" {
		t.Fatalf("the refusal names no field: %+v", e)
	}
	if _, ok := w.role(tn.ID, "Escalate"); ok {
		t.Fatal("a refused role was created")
	}
	id, err := w.ops.CreateRole(w.ctx, mgr, form.Role{Name: "Viewer", Perms: []string{"users.view"}})
	if err != nil {
		t.Fatalf("a role within the actor's access: %v", err)
	}
	err = w.ops.UpdateRole(w.ctx, mgr, id, form.Role{Name: "Viewer", Perms: []string{"users.view", "tenant.settings"}})
	refused(t, err, ops.Forbidden)
	if r, _ := w.role(tn.ID, "Viewer"); len(r.Permissions) != 1 {
		t.Fatalf("a refused edit was saved: %v", r.Permissions)
	}
	admin := w.account(tn.ID, "admin", "admin", "active", roles["tenant_admin"])
	if _, err := w.ops.CreateRole(w.ctx, admin, form.Role{Name: "Settings", Perms: []string{"tenant.settings"}}); err != nil {
		t.Fatalf("an Admin: %v", err)
	}
	// Without roles.manage at all, even a harmless role is refused.
	member := w.account(tn.ID, "member", "standard", "active", roles["member"])
	_, err = w.ops.CreateRole(w.ctx, member, form.Role{Name: "Harmless", Perms: []string{"projects.view"}})
	refused(t, err, ops.Forbidden)
}

// TestDefaultRolesGrantRule: a non-Admin with tenant.settings cannot make a
// role with permissions they lack a default for people who register.
func TestDefaultRolesGrantRule(t *testing.T) {
	w := newWorld(t)
	tn, roles := w.tenant("acme")
	setRole, err := w.st.CreateRole(w.ctx, store.Actor{TenantID: tn.ID},
		store.RoleSpec{Name: "Settings", Permissions: []string{"tenant.settings", "projects.view"}})
	if err != nil {
		t.Fatal(err)
	}
	p := w.account(tn.ID, "set", "standard", "active", setRole)
	err = w.ops.UpdateSettings(w.ctx, p, store.Settings{InviteDays: 7, DefaultRoleIDs: []int64{roles["user_manager"]}})
	if e := refused(t, err, ops.Forbidden); e.Fields["roles"] == "" {
		t.Fatalf("the refusal names no field: %+v", e)
	}
	refused(t, w.ops.UpdateSettings(w.ctx, p, store.Settings{InviteDays: 7, DefaultRoleIDs: []int64{roles["tenant_admin"]}}), ops.Invalid)
	refused(t, w.ops.UpdateSettings(w.ctx, p, store.Settings{InviteDays: 31}), ops.Invalid)
	if err := w.ops.UpdateSettings(w.ctx, p, store.Settings{InviteDays: 7, DefaultRoleIDs: []int64{roles["member"]}}); err != nil {
		t.Fatal(err)
	}
	s, err := w.st.Settings(w.ctx, tn.ID)
	if err != nil || s.InviteDays != 7 || len(s.DefaultRoleIDs) != 1 {
		t.Fatalf("settings %+v, %v", s, err)
	}
}

// TestDeactivatedActorRefused: an account deactivated is refused whatever
// its roles, even an Admin.
func TestDeactivatedActorRefused(t *testing.T) {
	w := newWorld(t)
	tn, roles := w.tenant("acme")
	pm := w.account(tn.ID, "pm", "standard", "deactivated", roles["project_manager"])
	_, err := w.ops.CreateProject(w.ctx, pm, "Apollo", "")
	refused(t, err, ops.Forbidden)
	admin := w.account(tn.ID, "admin", "admin", "deactivated", roles["tenant_admin"])
	_, err = w.ops.CreateModule(w.ctx, admin, "billing", "Billing", "")
	refused(t, err, ops.Forbidden)
	refused(t, w.ops.SetAuditRetention(w.ctx, admin, 90), ops.Forbidden)
	if got := w.projects(tn.ID); len(got) != 0 {
		t.Fatalf("a refused project was written: %+v", got)
	}
	if days, _ := w.st.AuditRetention(w.ctx, tn.ID); days == 90 {
		t.Fatal("a refused retention was saved")
	}
}

// TestOtherTenantsProjectNotFound: another tenant's project id names nothing
// to an actor, whatever the change, and stays as it was.
func TestOtherTenantsProjectNotFound(t *testing.T) {
	w := newWorld(t)
	a, rolesA := w.tenant("acme")
	b, _ := w.tenant("globex")
	theirs, err := w.st.CreateProject(w.ctx, store.Actor{TenantID: b.ID}, "Secret", "")
	if err != nil {
		t.Fatal(err)
	}
	pm := w.account(a.ID, "pm", "standard", "active", rolesA["project_manager"])
	_, err = w.ops.UpdateProject(w.ctx, pm, theirs.ID, "Mine", "", false)
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("update: %v, want not found", err)
	}
	if err := w.ops.DeleteProject(w.ctx, pm, theirs.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("delete: %v, want not found", err)
	}
	if err := w.ops.AddProjectUsers(w.ctx, pm, theirs.ID, []int64{pm.AccountID}, "write", true); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("add users: %v, want not found", err)
	}
	got := w.projects(b.ID)
	if len(got) != 1 || got[0].Name != "Secret" || got[0].Users != 0 {
		t.Fatalf("their project changed: %+v", got)
	}
}
