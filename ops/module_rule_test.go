package ops_test

import (
	"context"
	"slices"
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// payroll makes a module and a role opening it.
func (w *acme) payroll() int64 {
	w.t.Helper()
	ctx := context.Background()
	if _, err := w.st.CreateModule(ctx, store.Actor{TenantID: w.tenant.ID}, "payroll", "Payroll", ""); err != nil {
		w.t.Fatal(err)
	}
	id, err := w.st.CreateRole(ctx, store.Actor{TenantID: w.tenant.ID},
		store.RoleSpec{Name: "Payroll access", Permissions: []string{"module:payroll"}})
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

func (w *acme) holds(a store.Account, perm string) bool {
	w.t.Helper()
	p, err := w.st.RolePermissions(context.Background(), w.tenant.ID, a.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return slices.Contains(p, perm)
}

// Module access is a permission like the others: nobody opens a module they
// do not hold (to themselves or anyone), nor acts for an account holding one.
func TestModuleAccessFollowsTheRule(t *testing.T) {
	t.Parallel()
	w := newAcme(t)
	ctx := context.Background()
	payroll := w.payroll()
	um := w.person("um", "standard", "user_manager")

	wantRefused(t, w.ops.SetRoles(ctx, w.as(um), um.ID, []int64{w.roles["user_manager"], payroll}), ops.Forbidden)
	if w.holds(um, "module:payroll") {
		t.Fatal("a User Manager opened a module to themself")
	}

	clerk := w.person("clerk", "standard")
	if err := w.st.SetRoles(ctx, store.Actor{TenantID: w.tenant.ID}, clerk.ID, []int64{payroll}); err != nil {
		t.Fatal(err)
	}
	wantRefused(t, w.ops.SetTemporaryPassword(ctx, w.as(um), clerk.ID, "a brand new temporary pass"), ops.Forbidden)
	if w.fresh(clerk).MustChangePassword {
		t.Fatal("a User Manager set the password of an account holding a module they lack")
	}

	editors, err := w.st.CreateRole(ctx, store.Actor{TenantID: w.tenant.ID},
		store.RoleSpec{Name: "Role editors", Permissions: []string{"users.view", "roles.manage"}})
	if err != nil {
		t.Fatal(err)
	}
	w.roles["role_editors"] = editors
	ed := w.person("ed", "standard", "role_editors")
	err = w.ops.UpdateRole(ctx, w.as(ed), editors, form.Role{Name: "Role editors", Perms: []string{"users.view", "roles.manage"},
		Modules: []string{"payroll"}})
	wantRefused(t, err, ops.Forbidden)
	if w.holds(ed, "module:payroll") {
		t.Fatal("a roles.manage holder opened a module to themself through their role")
	}

	// Deleting the module takes it from the clerk: not the editor's call.
	mods, err := w.st.Modules(ctx, w.tenant.ID)
	if err != nil || len(mods) != 1 {
		t.Fatalf("modules %v (%v)", mods, err)
	}
	wantRefused(t, w.ops.DeleteModule(ctx, w.as(ed), mods[0].ID), ops.Forbidden)
	if !w.holds(clerk, "module:payroll") {
		t.Fatal("a refused deletion took the module away")
	}

	// Whoever holds the module may give it.
	pm := w.person("pm", "standard", "user_manager")
	if err := w.st.SetRoles(ctx, store.Actor{TenantID: w.tenant.ID}, pm.ID, []int64{w.roles["user_manager"], payroll}); err != nil {
		t.Fatal(err)
	}
	nobody := w.person("nobody", "standard")
	if err := w.ops.SetRoles(ctx, w.as(w.fresh(pm)), nobody.ID, []int64{payroll}); err != nil {
		t.Fatalf("a holder of the module gives it: %v", err)
	}
}
