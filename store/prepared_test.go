package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// A read whose text carries the clock's time (an expiry check) is not kept
// among the prepared statements: one a second would grow without end.
func TestPreparedStatementsStayFew(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	count := func() int {
		n := 0
		s.prepared.Range(func(_, _ any) bool { n++; return true })
		return n
	}
	now := time.Now()
	s.SetClock(func() time.Time { return now })
	if _, err := s.HeldRoles(ctx, 1, 1); err != nil {
		t.Fatal(err)
	}
	before := count()
	for i := range 5 {
		now = now.Add(time.Duration(i+1) * time.Second)
		if _, err := s.HeldRoles(ctx, 1, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RolePermissions(ctx, 1, 1); err != nil {
			t.Fatal(err)
		}
	}
	if got := count(); got > before+1 {
		t.Fatalf("prepared statements grew from %d to %d over five seconds of the same two reads", before, got)
	}
}
