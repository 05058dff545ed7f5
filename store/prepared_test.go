package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// A read whose text carries the clock's time (an expiry check) is not kept
// among the prepared statements: one a second would grow without end.
func TestPreparedStatementsStayFew(t *testing.T) {
	ctx := context.Background()
	s, now, count := clockedStore(t)
	if _, err := s.HeldRoles(ctx, 1, 1); err != nil {
		t.Fatal(err)
	}
	before := count()
	for i := range 5 {
		*now = now.Add(time.Duration(i+1) * time.Second)
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

// A read with an expiry check is prepared once and reused as the clock
// moves: its time is bound as a parameter, not parsed again every second.
func TestClockReadsArePrepared(t *testing.T) {
	ctx := context.Background()
	s, now, count := clockedStore(t)
	before := count()
	for i := range 5 {
		*now = now.Add(time.Duration(i+1) * time.Second)
		if _, err := s.RolePermissions(ctx, 1, 1); err != nil {
			t.Fatal(err)
		}
		if got := count(); got != before+1 {
			t.Fatalf("after %d reads of one query over %d seconds: %d prepared statements, want %d", i+1, i+1, got, before+1)
		}
	}
}

func TestBindNow(t *testing.T) {
	for _, c := range []struct {
		q, want  string
		args     []any
		wantArgs []any
	}{
		{"SELECT 1", "SELECT 1", []any{1}, []any{1}},
		{"a = ? AND x > " + nowMark + "42 AND b = ? AND c = '?'", "a = ? AND x > ? AND b = ? AND c = '?'",
			[]any{"a", "b"}, []any{"a", int64(42), "b"}},
		{"x > " + nowMark + "7 OR y > " + nowMark + "8 AND ? = 1", "x > ? OR y > ? AND ? = 1",
			[]any{true}, []any{int64(7), int64(8), true}},
		{"a = ?1 AND x > " + nowMark + "9 AND b = ?2 AND c = ?1", "a = ?1 AND x > ?3 AND b = ?2 AND c = ?1",
			[]any{"a", "b"}, []any{"a", "b", int64(9)}},
		// mixed numbered and plain: left as it is (not cached)
		{"a = ?1 AND b = ? AND x > " + nowMark + "9", "a = ?1 AND b = ? AND x > " + nowMark + "9",
			[]any{"a", "b"}, []any{"a", "b"}},
	} {
		q, args, _ := bindNow(c.q, c.args)
		if q != c.want || fmt.Sprint(args) != fmt.Sprint(c.wantArgs) {
			t.Errorf("bindNow(%q, %v) = %q, %v; want %q, %v", c.q, c.args, q, args, c.want, c.wantArgs)
		}
	}
}

// clockedStore is a store on a clock the test moves, and how many
// statements it keeps prepared.
func clockedStore(t *testing.T) (*Store, *time.Time, func() int) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Now()
	s.SetClock(func() time.Time { return now })
	return s, &now, func() int {
		n := 0
		s.prepared.Range(func(_, _ any) bool { n++; return true })
		return n
	}
}
