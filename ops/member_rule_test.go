package ops_test

import (
	"testing"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// A provider's Admin pushed down to a customer as an Auditor is an Auditor
// there, not an Admin: its key made there acts in the customer, with a
// ceiling of what it holds there; and the customer's own Admin may not
// change a person who belongs to the provider (nobody acts above their
// tenant), while the provider's people may.
func TestMemberActsWithItsRolesThere(t *testing.T) {
	w := newWorld(t)
	sp, _ := w.tenant("sp")
	a, aRoles := w.child("cust-a", sp.ID)
	boss := w.account(sp.ID, "boss", "admin", "active")
	if _, err := w.st.SetMemberRoles(w.ctx, store.Actor{TenantID: a.ID}, boss.AccountID, []int64{aRoles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	inA := ops.Principal{TenantID: a.ID, HomeTenantID: sp.ID, AccountID: boss.AccountID}

	k, _, err := w.ops.CreateKey(w.ctx, inA, boss.AccountID, "reporting", "30d")
	if err != nil {
		t.Fatalf("own key in the customer: %v", err)
	}
	if k.TenantID != a.ID {
		t.Fatalf("the key acts in tenant %d, want the customer %d", k.TenantID, a.ID)
	}
	if _, err := w.ops.CreateGroup(w.ctx, inA, "Night shift", ""); !isForbidden(err) {
		t.Fatalf("an Auditor in the customer made a group: %v", err)
	}

	local := w.account(a.ID, "local", "admin", "active")
	lead := w.account(sp.ID, "lead", "standard", "active")
	if _, err := w.st.SetMemberRoles(w.ctx, store.Actor{TenantID: a.ID}, lead.AccountID, nil); err != nil {
		t.Fatal(err)
	}
	// The customer's Admin may not make keys for the provider's person
	// (nor change them otherwise); the provider's own Admin may.
	_, _, err = w.ops.CreateKey(w.ctx, local, lead.AccountID, "theirs", "30d")
	if oe, ok := ops.As(err); !ok || oe.Key != "err_member_above" {
		t.Fatalf("the customer's Admin made a key for a provider person: %v", err)
	}
	boss.TenantID, boss.HomeTenantID = a.ID, sp.ID
	if _, err := w.st.SetMemberRoles(w.ctx, store.Actor{TenantID: a.ID}, boss.AccountID, []int64{aRoles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	k2, _, err := w.ops.CreateKey(w.ctx, boss, lead.AccountID, "theirs", "30d")
	if err != nil {
		t.Fatalf("the provider's Admin, Tenant Administrator in the customer, made no key for its own person: %v", err)
	}
	if k2.Ceiling == nil {
		t.Fatal("a key made for someone else in the customer has no ceiling: the maker's Admin type of home came along")
	}
}

func isForbidden(err error) bool {
	oe, ok := ops.As(err)
	return ok && oe.Kind == ops.Forbidden
}
