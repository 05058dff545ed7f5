package store_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/store"
)

// An event a provider's user writes acting in a customer is the customer's,
// and records the actor's home tenant beside it; the customer's log finds
// the actor by email.
func TestAuditRecordsTheActorsHomeTenant(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sp, _ := newTenant(t, st, "sp", 0)
	a, aRoles := newTenant(t, st, "cust-a", sp.ID)
	staff, err := st.CreateAccount(ctx, store.Actor{TenantID: sp.ID}, person("sam", "standard", "active"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetMemberRoles(ctx, store.Actor{TenantID: a.ID, AccountID: staff.ID}, staff.ID, []int64{aRoles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	events, err := st.AuditEntries(ctx, a.ID, store.AuditFilter{Action: string(store.ActionMemberAdd)})
	if err != nil || len(events) != 1 {
		t.Fatalf("events %v %v", events, err)
	}
	if e := events[0]; e.ActorTenantID != sp.ID || e.ActorTenantName != "Sp" || e.TargetName == "" {
		t.Fatalf("event %+v: want the actor's home tenant Sp and the member's name", e)
	}
	if got, err := st.AccountByLoginOrEmail(ctx, a.ID, "SAM@example.test"); err != nil || got.ID != staff.ID {
		t.Fatalf("the customer's log does not find its member as actor: %v", err)
	}
	if own, _ := st.AuditEntries(ctx, sp.ID, store.AuditFilter{Action: string(store.ActionMemberAdd)}); len(own) != 0 {
		t.Fatalf("the provider's log holds the customer's event: %v", own)
	}
}
