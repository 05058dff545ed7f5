package store_test

import (
	"context"
	"testing"
	"time"
)

func TestTouchActiveOnlyMovesForward(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	a := mustCreate(t, st, tn.ID, person("ann", "admin", "active"))
	if !a.LastActiveAt.IsZero() {
		t.Fatalf("new account last active = %v, want never", a.LastActiveAt)
	}
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	steps := []struct {
		at   time.Time
		want time.Time
	}{
		{t0, t0},
		{t0.Add(-time.Hour), t0}, // older: ignored
		{t0.Add(time.Minute), t0.Add(time.Minute)},
		{t0, t0.Add(time.Minute)},
	}
	for i, s := range steps {
		if err := st.TouchActive(ctx, a.ID, s.at); err != nil {
			t.Fatal(err)
		}
		got, err := st.Account(ctx, tn.ID, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.LastActiveAt.Equal(s.want) {
			t.Errorf("step %d: touch %v → last active %v, want %v", i, s.at, got.LastActiveAt, s.want)
		}
	}
}
