package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// The sweeper plans, then deactivates: someone who signs in between is
// judged again inside the deactivation's transaction and left active.
func TestDeactivationRechecksInactivity(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	tn, roles := newTenant(t, st, "acme", 0)
	mustCreate(t, st, tn.ID, person("boss", "admin", "active", roles["user_manager"]))
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return clock })
	ada := mustCreate(t, st, tn.ID, person("ada", "standard", "active"))
	planned := clock // the plan read ada as inactive since her creation

	clock = clock.AddDate(0, 3, 0)
	if err := st.TouchActive(ctx, ada.ID, clock); err != nil {
		t.Fatal(err)
	}
	pctx := store.IfInactiveSince(store.ByPolicy(ctx, "dormancy"), planned)
	_, err := st.SetStatus(pctx, store.Actor{TenantID: tn.ID}, ada.ID, "deactivated")
	if !errors.Is(err, store.ErrActiveAgain) {
		t.Fatalf("deactivating someone active since the plan: %v", err)
	}
	if a, _ := st.AccountIn(ctx, tn.ID, ada.ID); a.Status != "active" {
		t.Fatalf("ada is %s", a.Status)
	}
	if n, _ := st.AuditCount(ctx, store.ActionUserDeactivate); n != 0 {
		t.Fatalf("%d deactivation events", n)
	}
	// Judged at her latest activity, she is deactivated.
	_, err = st.SetStatus(store.IfInactiveSince(pctx, clock), store.Actor{TenantID: tn.ID}, ada.ID, "deactivated")
	if a, _ := st.AccountIn(ctx, tn.ID, ada.ID); err != nil || a.Status != "deactivated" {
		t.Fatalf("ada is %s (%v)", a.Status, err)
	}
}
