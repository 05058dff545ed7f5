package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAuditPurgeWithInjectedClock: events older than the tenant's retention go,
// newer ones stay, another tenant's follow its own retention, and the purge is
// an event of its own.
func TestAuditPurgeWithInjectedClock(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	a, _ := newTenant(t, st, "acme", 0)
	b, _ := newTenant(t, st, "other", 0)
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return now })
	if days, err := st.AuditRetention(ctx, a.ID); err != nil || days != 400 {
		t.Fatalf("default retention = %d, %v; want 400", days, err)
	}
	if err := st.SetAuditRetention(ctx, store.Actor{TenantID: b.ID}, 29); !errors.Is(err, store.ErrBadRetention) {
		t.Fatalf("29 days accepted: %v", err)
	}
	if err := st.SetAuditRetention(ctx, store.Actor{TenantID: b.ID}, 30); err != nil {
		t.Fatal(err)
	}
	// Events at 500, 100 and 10 days ago in both tenants.
	for _, age := range []int{500, 100, 10} {
		st.SetClock(func() time.Time { return now.AddDate(0, 0, -age) })
		for _, tn := range []int64{a.ID, b.ID} {
			if err := st.Audit(ctx, store.Event{TenantID: tn, Action: "test.event", Details: map[string]any{"age": age}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	st.SetClock(func() time.Time { return now })
	purged, err := st.PurgeAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if purged[a.ID] != 1 || purged[b.ID] != 2 {
		t.Fatalf("purged %v, want 1 in acme (400 days) and 2 in other (30 days)", purged)
	}
	left, _ := st.AuditEvents(ctx, a.ID, store.AuditFilter{Action: "test.event"})
	if len(left) != 2 {
		t.Fatalf("acme kept %d events, want 2", len(left))
	}
	ev, _ := st.AuditEvents(ctx, a.ID, store.AuditFilter{Action: "audit.purge"})
	if len(ev) != 1 || ev[0].Details["deleted"] != float64(1) || ev[0].ActorID != 0 {
		t.Fatalf("purge event %+v", ev)
	}
	// Nothing more to purge: no new event.
	if purged, _ := st.PurgeAudit(ctx); len(purged) != 0 {
		t.Fatalf("second purge deleted %v", purged)
	}
	if n, _ := st.AuditCount(ctx, "audit.purge"); n != 2 {
		t.Fatalf("%d purge events, want 2 (one per tenant)", n)
	}
}

// TestAuditEntriesPagingAndFilters: keyset pages both ways, each filter, and
// another tenant's events never show.
func TestAuditEntriesPagingAndFilters(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	a, roles := newTenant(t, st, "acme", 0)
	b, _ := newTenant(t, st, "other", 0)
	alice, err := st.CreateAccount(ctx, store.Actor{TenantID: a.ID}, person("alice", "admin", "active", roles["auditor"]))
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 25 {
		st.SetClock(func() time.Time { return base.AddDate(0, 0, i) })
		e := store.Event{TenantID: a.ID, Action: "test.even", TargetType: "account", TargetID: alice.ID}
		if i%2 == 1 {
			e.Action, e.ActorID = "test.odd", alice.ID
		}
		if err := st.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
		if err := st.Audit(ctx, store.Event{TenantID: b.ID, Action: "test.even"}); err != nil {
			t.Fatal(err)
		}
	}
	page1, _ := st.AuditEntries(ctx, a.ID, store.AuditFilter{Action: "test.even", Limit: 5})
	if len(page1) != 5 || page1[0].At != base.AddDate(0, 0, 24) {
		t.Fatalf("first page %d events, newest %v", len(page1), page1[0].At)
	}
	if page1[0].TargetName != "Alice Tester" {
		t.Fatalf("target named %q", page1[0].TargetName)
	}
	page2, _ := st.AuditEntries(ctx, a.ID, store.AuditFilter{Action: "test.even", Limit: 5, BeforeID: page1[4].ID})
	back, _ := st.AuditEntries(ctx, a.ID, store.AuditFilter{Action: "test.even", Limit: 5, AfterID: page2[0].ID})
	if len(page2) != 5 || page2[0].ID >= page1[4].ID || back[0].ID != page1[0].ID || back[4].ID != page1[4].ID {
		t.Fatalf("paging: page2 %d, back %v..%v want %v..%v", len(page2), back[0].ID, back[4].ID, page1[0].ID, page1[4].ID)
	}
	odd, _ := st.AuditEntries(ctx, a.ID, store.AuditFilter{ActorID: alice.ID, Limit: 100})
	if len(odd) != 12 || odd[0].ActorName != "Alice Tester" {
		t.Fatalf("by actor: %d events", len(odd))
	}
	ranged, _ := st.AuditEntries(ctx, a.ID, store.AuditFilter{Action: "test.even", From: base.AddDate(0, 0, 2), To: base.AddDate(0, 0, 6), Limit: 100})
	if len(ranged) != 2 { // days 2 and 4
		t.Fatalf("date range: %d events", len(ranged))
	}
	other, _ := st.AuditEntries(ctx, b.ID, store.AuditFilter{TargetType: "account", TargetID: alice.ID})
	if len(other) != 0 {
		t.Fatalf("another tenant sees %d events about alice", len(other))
	}
}
