package ops_test

import (
	"errors"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// child creates a tenant under parent with the built-in roles.
func (w *world) child(slug string, parent int64) (store.Tenant, map[string]int64) {
	w.t.Helper()
	tn, err := w.st.CreateTenant(w.ctx, slug, slug, parent, auth.BuiltinRoles())
	if err != nil {
		w.t.Fatal(err)
	}
	roles, err := w.st.Roles(w.ctx, tn.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	keys := map[string]int64{}
	for _, r := range roles {
		keys[r.BuiltinKey] = r.ID
	}
	return tn, keys
}

// The roles a provider's user manager gives in a customer are judged against
// their own access in the provider; the person is judged there as usual; a
// customer outside the provider's subtree is 404 naming the entry.
func TestManagedCustomersRule(t *testing.T) {
	w := newWorld(t)
	sp, spRoles := w.tenant("sp")
	a, aRoles := w.child("cust-a", sp.ID)
	other, otherRoles := w.tenant("other")
	manager := w.account(sp.ID, "manager", "standard", "active", spRoles["user_manager"])
	admin := w.account(sp.ID, "admin", "admin", "active")
	sam := w.account(sp.ID, "sam", "standard", "active")
	boss := w.account(sp.ID, "boss", "admin", "active")

	cases := []struct {
		name   string
		actor  ops.Principal
		target int64
		rows   []form.Managed
		kind   ops.Kind
		field  string
	}{
		{"roles within the manager's", manager, sam.AccountID, []form.Managed{{TenantID: a.ID, RoleIDs: []int64{aRoles["user_manager"]}}}, 0, ""},
		{"a role beyond the manager's", manager, sam.AccountID, []form.Managed{{TenantID: a.ID, RoleIDs: []int64{aRoles["auditor"]}}}, ops.Forbidden, "managed_customers[0].role_ids"},
		{"another tenant's role", manager, sam.AccountID, []form.Managed{{TenantID: a.ID, RoleIDs: []int64{otherRoles["member"]}}}, ops.Invalid, "managed_customers[0].role_ids"},
		{"a tenant outside the tree", manager, sam.AccountID, []form.Managed{{TenantID: other.ID}}, ops.NotFound, "managed_customers[0].tenant_id"},
		{"twice the same customer", manager, sam.AccountID, []form.Managed{{TenantID: a.ID}, {TenantID: a.ID}}, ops.Invalid, "managed_customers[1].tenant_id"},
		{"for an Admin", manager, boss.AccountID, []form.Managed{{TenantID: a.ID}}, ops.Forbidden, ""},
		{"the Admin gives anything", admin, sam.AccountID, []form.Managed{{TenantID: a.ID, RoleIDs: []int64{aRoles["tenant_admin"]}}}, 0, ""},
		{"taking away what the manager cannot give", manager, sam.AccountID, []form.Managed{{TenantID: a.ID, Remove: true}}, ops.Forbidden, "managed_customers[0].role_ids"},
	}
	for _, c := range cases {
		err := w.ops.SetManaged(w.ctx, c.actor, c.target, c.rows)
		e, ok := ops.As(err)
		switch {
		case c.kind == 0 && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.kind == 0:
		case !ok || e.Kind != c.kind:
			t.Errorf("%s: %v, want kind %d", c.name, err, c.kind)
		case c.field != "" && e.Fields[c.field] == "":
			t.Errorf("%s: fields %v, want %s named", c.name, e.Fields, c.field)
		}
	}
	// From a customer, the provider's people are out of sight.
	customerAdmin := w.account(a.ID, "lea", "admin", "active")
	kim := w.account(sp.ID, "kim", "standard", "active")
	if err := w.ops.SetManaged(w.ctx, customerAdmin, kim.AccountID, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("from the customer: %v", err)
	}
}
