package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

// A provider's person is given customers to manage from the provider, with
// roles per customer, in one transaction: a tenant outside the provider's
// subtree or another tenant's role refuses the whole change, naming the entry.
func TestSetManagedCustomers(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sp, _ := newTenant(t, st, "sp", 0)
	a, aRoles := newTenant(t, st, "cust-a", sp.ID)
	b, bRoles := newTenant(t, st, "cust-b", sp.ID)
	a1, a1Roles := newTenant(t, st, "cust-a-eu", a.ID)
	other, _ := newTenant(t, st, "other", 0)
	sam := mustCreate(t, st, sp.ID, person("sam", "standard", "active"))
	by := store.Actor{TenantID: sp.ID}

	err := st.SetManaged(ctx, by, sam.ID, []store.Managed{
		{TenantID: a.ID, RoleIDs: []int64{aRoles["user_manager"]}},
		{TenantID: a1.ID, RoleIDs: []int64{a1Roles["auditor"], a1Roles["member"]}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := roleIDsOf(t, st, a.ID, sam.ID); !slices.Equal(got, []int64{aRoles["user_manager"]}) {
		t.Fatalf("roles in A: %v", got)
	}
	if act, err := st.ActingIn(ctx, sam.ID, sp.ID, "cust-a-eu"); err != nil || act.Tenant.ID != a1.ID {
		t.Fatalf("acting in the sub-tenant: %v", err)
	}
	if logins(t, st, a1.ID, store.UserFilter{Query: "sam"}) == nil {
		t.Fatal("the sub-tenant's search misses its new member")
	}

	for name, c := range map[string]struct {
		managed []store.Managed
		index   int
		field   string
		err     error
	}{
		"a tenant outside the tree": {[]store.Managed{{TenantID: b.ID}, {TenantID: other.ID}}, 1, "tenant_id", store.ErrNotFound},
		"the acting tenant itself":  {[]store.Managed{{TenantID: sp.ID}}, 0, "tenant_id", store.ErrNotFound},
		"another customer's role":   {[]store.Managed{{TenantID: b.ID, RoleIDs: []int64{bRoles["member"]}}, {TenantID: a.ID, RoleIDs: []int64{bRoles["auditor"]}}}, 1, "role_ids", store.ErrUnknownRole},
	} {
		err := st.SetManaged(ctx, by, sam.ID, c.managed)
		var r *store.ManagedRefusal
		if !errors.As(err, &r) || r.Index != c.index || r.Field != c.field || !errors.Is(err, c.err) {
			t.Errorf("%s: %v, want entry %d %s refused", name, err, c.index, c.field)
		}
		if _, err := st.ActingIn(ctx, sam.ID, sp.ID, "cust-b"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: half written, sam is a member of B", name)
		}
		if got := roleIDsOf(t, st, a.ID, sam.ID); !slices.Equal(got, []int64{aRoles["user_manager"]}) {
			t.Errorf("%s: roles in A changed to %v", name, got)
		}
	}
	// From below, the provider's customers are out of reach.
	if err := st.SetManaged(ctx, store.Actor{TenantID: a1.ID}, sam.ID, []store.Managed{{TenantID: a.ID}}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("from the sub-tenant: %v", err)
	}

	if err := st.SetManaged(ctx, by, sam.ID, []store.Managed{{TenantID: a1.ID, Remove: true}, {TenantID: b.ID, Remove: true}}); err != nil {
		t.Fatal(err)
	}
	rows, err := st.ManagedCustomers(ctx, sp.ID, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s/%d/%v/%v", r.Tenant.Slug, r.Depth, r.Member, len(r.Held)))
		if len(r.Roles) != len(testRoles) {
			t.Errorf("%s: %d roles listed", r.Tenant.Slug, len(r.Roles))
		}
	}
	if want := []string{"cust-a/1/true/1", "cust-a-eu/2/false/0", "cust-b/1/false/0"}; !slices.Equal(got, want) {
		t.Fatalf("managed customers %v, want %v", got, want)
	}
}

// A hundred customers in one save; a creation whose last entry is refused
// leaves no account and no membership behind.
func TestManagedInOneGo(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sp, _ := newTenant(t, st, "sp", 0)
	var managed []store.Managed
	for i := range 100 {
		c, roles := newTenant(t, st, fmt.Sprintf("c%03d", i), sp.ID)
		managed = append(managed, store.Managed{TenantID: c.ID, RoleIDs: []int64{roles["auditor"]}})
	}
	before := st.Statements()
	a, err := st.CreateManagedAccount(ctx, store.Actor{TenantID: sp.ID}, person("pat", "standard", "active"), managed)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("100 customers: %d statements", st.Statements()-before)
	rows, err := st.ManagedCustomers(ctx, sp.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if !r.Member || len(r.Held) != 1 {
			t.Fatalf("%s: member %v roles %v", r.Tenant.Slug, r.Member, r.Held)
		}
	}
	bad := append(slices.Clone(managed[:3]), store.Managed{TenantID: sp.ID})
	if _, err := st.CreateManagedAccount(ctx, store.Actor{TenantID: sp.ID}, person("quin", "standard", "active"), bad); err == nil {
		t.Fatal("refused entry accepted")
	}
	if got := logins(t, st, sp.ID, store.UserFilter{Query: "quin"}); len(got) != 0 {
		t.Fatalf("half written: %v", got)
	}
	if got := logins(t, st, managed[0].TenantID, store.UserFilter{Query: "quin"}); len(got) != 0 {
		t.Fatalf("half written membership: %v", got)
	}
}
