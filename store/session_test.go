package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func TestSessionLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	t0 := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return t0 })
	tn, roles := newTenant(t, st, "acme", 0)
	ann := mustCreate(t, st, tn.ID, person("ann", "standard", "active", roles["member"]))

	if err := st.CreateSession(ctx, "hash-1", ann.ID, `{"lang":"fr"}`); err != nil {
		t.Fatal(err)
	}
	in, err := st.SignedInAs(ctx, "hash-1", "")
	if err != nil {
		t.Fatal(err)
	}
	s, a := in.Session, in.Account
	if a.ID != ann.ID || a.Email != "ann@example.test" || a.TenantID != tn.ID {
		t.Errorf("session account = %+v", a)
	}
	if s.IDHash != "hash-1" || s.AccountID != ann.ID || s.Data != `{"lang":"fr"}` ||
		!s.CreatedAt.Equal(t0) || !s.LastSeenAt.Equal(t0) {
		t.Errorf("session = %+v", s)
	}

	seen := t0.Add(10 * time.Minute)
	if err := st.SaveSession(ctx, "hash-1", `{"lang":"en"}`, seen); err != nil {
		t.Fatal(err)
	}
	in, err = st.SignedInAs(ctx, "hash-1", "")
	if err != nil {
		t.Fatal(err)
	}
	s = in.Session
	if s.Data != `{"lang":"en"}` || !s.LastSeenAt.Equal(seen) || !s.CreatedAt.Equal(t0) {
		t.Errorf("saved session = %+v", s)
	}

	if err := st.CreateSession(ctx, "hash-2", ann.ID, "{}"); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.SessionCount(ctx, ann.ID); n != 2 {
		t.Errorf("session count = %d, want 2", n)
	}
	if err := st.DeleteSession(ctx, "hash-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SignedInAs(ctx, "hash-1", ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted session: %v, want ErrNotFound", err)
	}
	if n, _ := st.SessionCount(ctx, ann.ID); n != 1 {
		t.Errorf("session count after delete = %d, want 1", n)
	}
	if _, err := st.SignedInAs(ctx, "never-existed", ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown session: %v, want ErrNotFound", err)
	}
}

func TestPurgeSessions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	t0 := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	now := t0
	st.SetClock(func() time.Time { return now })
	tn, _ := newTenant(t, st, "acme", 0)
	ann := mustCreate(t, st, tn.ID, person("ann", "admin", "active"))

	const idle, absolute = 30 * time.Minute, 8 * time.Hour
	sessions := []struct {
		id         string
		created    time.Duration // after t0
		seen       time.Duration // after t0
		wantPurged bool
	}{
		{"idle", 7 * time.Hour, 7 * time.Hour, true},
		{"too old though busy", 0, 8*time.Hour + 50*time.Minute, true},
		{"fresh", 8*time.Hour + 50*time.Minute, 8*time.Hour + 55*time.Minute, false},
		{"just under both", time.Hour + time.Second, 8*time.Hour + 30*time.Minute + time.Second, false},
	}
	for _, s := range sessions {
		now = t0.Add(s.created)
		if err := st.CreateSession(ctx, s.id, ann.ID, "{}"); err != nil {
			t.Fatal(err)
		}
		if err := st.SaveSession(ctx, s.id, "{}", t0.Add(s.seen)); err != nil {
			t.Fatal(err)
		}
	}

	now = t0.Add(9 * time.Hour)
	n, err := st.PurgeSessions(ctx, now.Add(-idle), now.Add(-absolute))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("purged %d sessions, want 2", n)
	}
	for _, s := range sessions {
		_, err := st.SignedInAs(ctx, s.id, "")
		if purged := errors.Is(err, store.ErrNotFound); purged != s.wantPurged {
			t.Errorf("session %q: purged = %v (err %v), want %v", s.id, purged, err, s.wantPurged)
		}
	}
}
