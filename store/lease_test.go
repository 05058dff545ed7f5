package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// twoStores opens two stores on one fresh database, as two console
// processes would, both on the clock *now points at.
func twoStores(t *testing.T, now *time.Time) [2]*store.Store {
	t.Helper()
	db := storetest.DB(t)
	var out [2]*store.Store
	for i := range out {
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if now != nil {
			st.SetClock(func() time.Time { return *now })
		}
		out[i] = st
	}
	return out
}

// TestAuditPurgeOncePerHourAcrossProcesses: two processes tick every
// minute for two and a half hours; across both the audit purge runs once
// an hour (at 0, 60 and 120 minutes), and an event that came of age
// meanwhile waits for the next run.
func TestAuditPurgeOncePerHourAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st := twoStores(t, &now)
	acme, _ := newTenant(t, st[0], "acme", 0)
	oldEvent := func() {
		t.Helper()
		at := now
		now = now.AddDate(-2, 0, 0)
		defer func() { now = at }()
		if err := st[1].Audit(ctx, store.Event{TenantID: acme.ID, Action: "test.old"}); err != nil {
			t.Fatal(err)
		}
	}
	oldEvent()
	start := now
	var ran []int // minutes at which a purge ran, in either process
	for minute := range 150 {
		now = start.Add(time.Duration(minute) * time.Minute)
		if minute == 30 {
			oldEvent()
		}
		for i, s := range []*store.Store{st[minute%2], st[(minute+1)%2]} {
			job := store.Periodic{Name: "audit-retention", Period: time.Hour, Run: func(ctx context.Context) error {
				_, err := s.PurgeAudit(ctx)
				return err
			}}
			did, err := s.RunIfDue(ctx, []string{"a", "b"}[i], job)
			if err != nil {
				t.Fatal(err)
			}
			if did {
				ran = append(ran, minute)
			}
		}
		if minute == 59 {
			if n, _ := st[0].AuditCount(ctx, "test.old"); n != 1 {
				t.Fatalf("at minute 59, %d old events; want the one of minute 30 still waiting", n)
			}
		}
	}
	if len(ran) != 3 || ran[0] != 0 || ran[1] != 60 || ran[2] != 120 {
		t.Fatalf("purge ran at minutes %v, want [0 60 120]", ran)
	}
	if n, _ := st[0].AuditCount(ctx, "test.old"); n != 0 {
		t.Fatalf("%d old events left", n)
	}
	if n, _ := st[0].AuditCount(ctx, "audit.purge"); n != 2 {
		t.Fatalf("%d purge events, want 2 (minute 0 and minute 60; nothing left at 120)", n)
	}
}

// TestTakeLeaseRace: eight takers across two processes ask for one lease
// at the same instant; exactly one gets it, and the lease is free again
// only when its period has passed.
func TestTakeLeaseRace(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st := twoStores(t, &now)
	var took atomic.Int32
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			ok, err := st[i%2].TakeLease(ctx, "session-purge", string(rune('a'+i)), 10*time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				took.Add(1)
			}
		})
	}
	wg.Wait()
	if n := took.Load(); n != 1 {
		t.Fatalf("%d takers got the lease, want 1", n)
	}
	now = now.Add(10*time.Minute - time.Second)
	if ok, _ := st[0].TakeLease(ctx, "session-purge", "late", 10*time.Minute); ok {
		t.Fatal("taken a second before its period ended")
	}
	// Another job's lease is its own.
	if ok, _ := st[1].TakeLease(ctx, "audit-retention", "late", time.Hour); !ok {
		t.Fatal("another lease not taken")
	}
	now = now.Add(time.Second)
	if ok, _ := st[1].TakeLease(ctx, "session-purge", "late", 10*time.Minute); !ok {
		t.Fatal("not taken once its period ended")
	}
}
