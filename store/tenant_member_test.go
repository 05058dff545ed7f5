package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/store"
)

// A person of a service provider pushed down to a customer acts there with
// the roles given there, is found by the customer's search, and cannot be
// pushed up or sideways; removing the membership leaves the home account.
func TestMembershipPushesDownOnly(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sp, spRoles := newTenant(t, st, "sp", 0)
	a, aRoles := newTenant(t, st, "cust-a", sp.ID)
	b, _ := newTenant(t, st, "cust-b", sp.ID)
	eu, _ := newTenant(t, st, "cust-a-eu", a.ID)
	staff, err := st.CreateAccount(ctx, store.Actor{TenantID: sp.ID}, person("sam", "admin", "active", spRoles["auditor"]))
	if err != nil {
		t.Fatal(err)
	}
	local, err := st.CreateAccount(ctx, store.Actor{TenantID: a.ID}, person("lea", "standard", "active"))
	if err != nil {
		t.Fatal(err)
	}

	if _, err := st.ActingIn(ctx, staff.ID, sp.ID, "cust-a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("acting in a customer before being a member: %v", err)
	}
	added, err := st.SetMemberRoles(ctx, store.Actor{TenantID: a.ID}, staff.ID, []int64{aRoles["user_manager"]})
	if err != nil || !added {
		t.Fatalf("push down: %v %v", added, err)
	}
	act, err := st.ActingIn(ctx, staff.ID, sp.ID, "cust-a")
	if err != nil || act.Home || !act.Active || act.Tenant.ID != a.ID {
		t.Fatalf("acting in the customer: %+v %v", act, err)
	}
	if home, _ := st.ActingIn(ctx, staff.ID, sp.ID, ""); !home.Home || !home.Others {
		t.Fatalf("home: %+v; the switcher must show", home)
	}
	perms, err := st.RolePermissions(ctx, a.ID, staff.ID, false)
	if err != nil || len(perms) != 2 {
		t.Fatalf("permissions in the customer: %v %v (the User Manager role's, not the Auditor's of home)", perms, err)
	}
	page, err := st.ListUsers(ctx, a.ID, store.UserFilter{Query: "sam"})
	if err != nil || len(page.Accounts) != 1 || page.Accounts[0].ID != staff.ID {
		t.Fatalf("the customer's search finds the member: %+v %v", page.Accounts, err)
	}
	if page, _ := st.ListUsers(ctx, sp.ID, store.UserFilter{Query: "sam"}); len(page.Accounts) != 1 {
		t.Fatal("the home search lost the person")
	}

	for name, c := range map[string]struct {
		tenant, account int64
	}{
		"up":       {sp.ID, local.ID},
		"sideways": {b.ID, local.ID},
		"home":     {a.ID, local.ID},
	} {
		if _, err := st.SetMemberRoles(ctx, store.Actor{TenantID: c.tenant}, c.account, nil); !errors.Is(err, store.ErrPushUp) {
			t.Errorf("%s: %v, want ErrPushUp", name, err)
		}
	}
	if _, err := st.SetMemberRoles(ctx, store.Actor{TenantID: eu.ID}, local.ID, nil); err != nil {
		t.Fatalf("down to a sub-tenant: %v", err)
	}

	if err := st.RemoveMember(ctx, store.Actor{TenantID: a.ID}, staff.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActingIn(ctx, staff.ID, sp.ID, "cust-a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("acting after removal: %v", err)
	}
	if page, _ := st.ListUsers(ctx, a.ID, store.UserFilter{Query: "sam"}); len(page.Accounts) != 0 {
		t.Fatal("the removed member is still found")
	}
	if _, err := st.Account(ctx, sp.ID, staff.ID); err != nil {
		t.Fatalf("the home account went too: %v", err)
	}
	if err := st.RemoveMember(ctx, store.Actor{TenantID: a.ID}, staff.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removing twice: %v", err)
	}
}
