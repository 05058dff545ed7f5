package ops_test

import (
	"errors"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// provider > {a, b}; an Admin of a, a Tenant Administrator of the provider,
// a Member of the provider.
func tenantWorld(t *testing.T) (w *world, provider, a, b store.Tenant, adminA, boss, member ops.Principal) {
	w = newWorld(t)
	provider, roles := w.tenant("provider")
	mk := func(slug string) store.Tenant {
		tn, err := w.st.CreateTenant(w.ctx, slug, slug, provider.ID, auth.BuiltinRoles())
		if err != nil {
			t.Fatal(err)
		}
		return tn
	}
	a, b = mk("a"), mk("b")
	adminA = w.account(a.ID, "admin-a", "admin", "active")
	boss = w.account(provider.ID, "boss", "standard", "active", roles["tenant_admin"])
	member = w.account(provider.ID, "member", "standard", "active", roles["member"])
	return
}

func TestTenantOpsWhoMayWhere(t *testing.T) {
	w, provider, a, b, adminA, boss, member := tenantWorld(t)
	ctx := w.ctx

	// A sub-tenant of a, made by a's Admin.
	sub, err := w.ops.CreateTenant(ctx, adminA, form.Tenant{Name: "A team", Slug: "a-team"})
	if err != nil {
		t.Fatal(err)
	}
	if sub.ParentID == nil || *sub.ParentID != a.ID {
		t.Fatalf("parent = %v, want a", sub.ParentID)
	}
	// Not under the provider nor the sibling b: neither exists for a.
	for _, parent := range []int64{provider.ID, b.ID} {
		_, err := w.ops.CreateTenant(ctx, adminA, form.Tenant{Name: "X", Slug: "x", ParentID: parent})
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("create under %d: %v, want not found", parent, err)
		}
	}
	// Renaming / deactivating the provider or b: not found; a itself: refused, said why.
	for _, id := range []int64{provider.ID, b.ID} {
		if _, err := w.ops.UpdateTenant(ctx, adminA, id, form.Tenant{Name: "Mine"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("rename %d: %v", id, err)
		}
		if _, err := w.ops.DeactivateTenant(ctx, adminA, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deactivate %d: %v", id, err)
		}
	}
	e := refused(t, func() error { _, err := w.ops.DeactivateTenant(ctx, adminA, a.ID); return err }(), ops.Conflict)
	if e.Key != "err_tenant_self" {
		t.Errorf("key = %s", e.Key)
	}
	refused(t, func() error { _, err := w.ops.DeactivateTenant(ctx, boss, provider.ID); return err }(), ops.Conflict)
	if mustStatus(t, w, a.ID) != "active" || mustStatus(t, w, provider.ID) != "active" {
		t.Fatal("a refused deactivation was written")
	}
	// Moving a under its own sub-tenant: refused naming the parent.
	e = refused(t, func() error {
		_, err := w.ops.UpdateTenant(ctx, boss, a.ID, form.Tenant{Name: "a", ParentID: sub.ID})
		return err
	}(), ops.Invalid)
	if e.Fields["parent_id"] == "" {
		t.Errorf("fields = %v", e.Fields)
	}
	// The provider's Tenant Administrator deactivates a: a and its sub-tenant are blocked.
	if _, err := w.ops.DeactivateTenant(ctx, boss, a.ID); err != nil {
		t.Fatal(err)
	}
	if tn, _ := w.st.Tenant(ctx, sub.ID); !tn.Blocked {
		t.Error("the sub-tenant of a deactivated tenant should be blocked")
	}
	// A Member of the provider holds no tenants.manage.
	refused(t, func() error { _, err := w.ops.ActivateTenant(ctx, member, a.ID); return err }(), ops.Forbidden)
	if _, err := w.ops.ActivateTenant(ctx, boss, a.ID); err != nil {
		t.Fatal(err)
	}
	if tn, _ := w.st.Tenant(ctx, sub.ID); tn.Blocked {
		t.Error("reactivated: the sub-tenant should work again")
	}
}

func TestCreateTenantInput(t *testing.T) {
	w, provider, _, _, _, boss, member := tenantWorld(t)
	ctx := w.ctx
	cases := map[string]struct {
		f     form.Tenant
		field string
		kind  ops.Kind
	}{
		"no name":       {form.Tenant{Slug: "ok"}, "name", ops.Invalid},
		"bad slug":      {form.Tenant{Name: "Ok", Slug: "Not OK!"}, "slug", ops.Invalid},
		"slug taken":    {form.Tenant{Name: "Ok", Slug: "a"}, "slug", ops.Conflict},
		"bad zone":      {form.Tenant{Name: "Ok", Slug: "ok", TimeZone: "Mars/Base"}, "time_zone", ops.Invalid},
		"bad currency":  {form.Tenant{Name: "Ok", Slug: "ok", Currency: "XYZW"}, "currency", ops.Invalid},
		"bad email":     {form.Tenant{Name: "Ok", Slug: "ok", AdminEmail: "nope"}, "admin_email", ops.Invalid},
		"both admins":   {form.Tenant{Name: "Ok", Slug: "ok", AdminEmail: "x@example.test", AdminAccountID: boss.AccountID}, "admin_email", ops.Invalid},
		"unknown admin": {form.Tenant{Name: "Ok", Slug: "ok", AdminAccountID: 99999}, "admin_account_id", ops.Invalid},
		"admin beyond":  {form.Tenant{Name: "Ok", Slug: "ok", AdminAccountID: boss.AccountID}, "admin_account_id", ops.Forbidden},
	}
	// A user of the provider with tenants.manage only (a custom role) may not
	// hand the new tenant to the Tenant Administrator, who holds more.
	role, err := w.st.CreateRole(ctx, store.Actor{TenantID: provider.ID}, store.RoleSpec{Name: "Tenants", Permissions: []string{"tenants.manage", "projects.view"}})
	if err != nil {
		t.Fatal(err)
	}
	mgr := w.account(provider.ID, "mgr", "standard", "active", role)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := w.ops.CreateTenant(ctx, mgr, c.f)
			e := refused(t, err, c.kind)
			if e.Fields[c.field] == "" {
				t.Fatalf("fields = %v, want %s", e.Fields, c.field)
			}
			if _, err := w.st.TenantBySlug(ctx, "ok"); !errors.Is(err, store.ErrNotFound) {
				t.Fatal("a refused tenant was written")
			}
		})
	}
	// The member may be made the first administrator: mgr holds what a Member holds.
	tn, err := w.ops.CreateTenant(ctx, mgr, form.Tenant{Name: "Ok", Slug: "ok", AdminAccountID: member.AccountID,
		TimeZone: "Europe/Paris", Currency: "eur"})
	if err != nil {
		t.Fatal(err)
	}
	if tn.Currency != "EUR" || tn.TimeZone != "Europe/Paris" {
		t.Errorf("settings = %s %s", tn.TimeZone, tn.Currency)
	}
	// Its own tenant's name is a setting: tenants.manage alone does not rename it.
	refused(t, func() error {
		_, err := w.ops.UpdateTenant(ctx, mgr, provider.ID, form.Tenant{Name: "Renamed"})
		return err
	}(), ops.Forbidden)
	if _, err := w.ops.UpdateTenant(ctx, boss, provider.ID, form.Tenant{Name: "Renamed"}); err != nil {
		t.Fatal(err)
	}
	acting, err := w.st.ActingIn(ctx, member.AccountID, provider.ID, "ok")
	if err != nil || !acting.Active {
		t.Fatalf("the first administrator cannot act in the new tenant: %v", err)
	}
}

func mustStatus(t *testing.T, w *world, id int64) string {
	t.Helper()
	tn, err := w.st.Tenant(w.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return tn.Status
}
