package ops_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// Moving a tenant must not leave a membership whose person is no longer of
// an ancestor (a sideways membership the push-down rule refuses). Customer
// A's person Ana is a member of A-EU; the provider's Admin moving A-EU under
// customer B is refused, naming the parent, and nothing moves.
func TestMoveLeavesNoSidewaysMember(t *testing.T) {
	w := newMembersWorld(t)
	ctx := context.Background()
	ana, err := w.st.CreateAccount(ctx, store.Actor{TenantID: w.a.ID}, store.NewAccount{Profile: store.Profile{FirstName: "Ana",
		LastName: "A", Email: "ana@example.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "ana", Status: "active", AuthMethod: "sso"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.SetMemberRoles(ctx, store.Actor{TenantID: w.eu.ID}, ana.ID, w.role(w.eu, "tenant_admin")); err != nil {
		t.Fatal(err)
	}
	spAtHome := w.spAdmin
	spAtHome.TenantID = w.sp.ID
	_, err = w.ops.UpdateTenant(ctx, spAtHome, w.eu.ID, form.Tenant{Name: w.eu.Name, ParentID: w.b.ID})
	if oe, ok := ops.As(err); !ok || oe.Kind != ops.Conflict || oe.Key != "err_tenant_move_members" || oe.Fields["parent_id"] == "" {
		t.Fatalf("moving A-EU under B with a person of A as a member: %v, want a conflict on parent_id", err)
	}
	if act, err := w.st.ActingIn(ctx, ana.ID, w.a.ID, "a-eu"); err != nil || act.Tenant.ID != w.eu.ID {
		t.Fatalf("the refused move changed Ana's membership: %+v %v", act, err)
	}
	if eu, _ := w.st.Tenant(ctx, w.eu.ID); eu.ParentID == nil || *eu.ParentID != w.a.ID {
		t.Fatalf("the refused move moved A-EU: parent %v", eu.ParentID)
	}
}

// Ending a membership from the provider (managed customers) takes away what
// the person held there through the customer's groups too; taking access
// away follows the act-for rule, so a user manager without Tenant
// Administrator's permissions must not strip it.
func TestManagedRemoveJudgesGroupAccess(t *testing.T) {
	w := newWorld(t)
	sp, spRoles := w.tenant("sp")
	a, aRoles := w.child("cust-a", sp.ID)
	manager := w.account(sp.ID, "manager", "standard", "active", spRoles["user_manager"])
	sam := w.account(sp.ID, "sam", "standard", "active")
	// Sam is a member of A holding no direct role, and Tenant Administrator
	// of A through A's group (set up without a guard).
	if _, err := w.st.SetMemberRoles(w.ctx, store.Actor{TenantID: a.ID}, sam.AccountID, nil); err != nil {
		t.Fatal(err)
	}
	g, err := w.st.CreateGroup(w.ctx, store.Actor{TenantID: a.ID}, "Admins", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetGroupRoles(w.ctx, store.Actor{TenantID: a.ID}, g.ID, []int64{aRoles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.AddMembers(w.ctx, store.Actor{TenantID: a.ID}, g.ID, []int64{sam.AccountID}); err != nil {
		t.Fatal(err)
	}
	err = w.ops.SetManaged(w.ctx, manager, sam.AccountID, []form.Managed{{TenantID: a.ID, Remove: true}})
	if err == nil {
		t.Fatal("a user manager ended the membership of someone holding Tenant Administrator in A (through a group): " +
			"they take away what they could not give")
	}
}

// Changing a person's roles in a customer from the provider judges their
// standing there: a user manager may not change the roles in A of someone
// who holds Tenant Administrator there, even adding a role they may give.
func TestManagedChangeJudgesStandingInTheCustomer(t *testing.T) {
	w := newWorld(t)
	sp, spRoles := w.tenant("sp")
	a, aRoles := w.child("cust-a", sp.ID)
	manager := w.account(sp.ID, "manager", "standard", "active", spRoles["user_manager"])
	sam := w.account(sp.ID, "sam", "standard", "active")
	if _, err := w.st.SetMemberRoles(w.ctx, store.Actor{TenantID: a.ID}, sam.AccountID, []int64{aRoles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	// Acting in A itself, the same change is refused (sam holds more there).
	if _, err := w.st.SetMemberRoles(w.ctx, store.Actor{TenantID: a.ID}, manager.AccountID, []int64{aRoles["user_manager"]}); err != nil {
		t.Fatal(err)
	}
	inA := ops.Principal{TenantID: a.ID, HomeTenantID: sp.ID, AccountID: manager.AccountID}
	both := []int64{aRoles["tenant_admin"], aRoles["user_manager"]}
	if _, err := w.ops.SetMemberRoles(w.ctx, inA, sam.AccountID, both); err == nil {
		t.Fatal("control: acting in A, the manager changed the roles of A's Tenant Administrator")
	}
	// From the provider, through Managed customers: let through.
	err := w.ops.SetManaged(w.ctx, manager, sam.AccountID, []form.Managed{{TenantID: a.ID, RoleIDs: both}})
	if err == nil {
		t.Fatal("through Managed customers, a user manager changed the roles in A of someone holding Tenant Administrator there")
	}
}
