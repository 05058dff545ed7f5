package auth

import (
	"context"
	"log/slog"
	"time"

	"github.com/console-dev/console/store"
)

// Throttle counts failures per key in a sliding window. A key past its limit is
// refused until its oldest failure leaves the window: attempts slow down, but a
// victim is never locked out for good. The failures live in the database, so
// every console process on it counts against the same limit.
type Throttle struct {
	st     *store.Store
	name   string
	limit  int
	window time.Duration
	now    func() time.Time
}

// throttleTimeout bounds each of a throttle's statements: its methods take no
// context, being called on the way to work that needs the database anyway.
const throttleTimeout = 5 * time.Second

// NewThrottle allows limit failures per key within window. name keeps this
// throttle's keys apart from other throttles' in the database.
func NewThrottle(st *store.Store, name string, limit int, window time.Duration) *Throttle {
	return &Throttle{st: st, name: name, limit: limit, window: window, now: time.Now}
}

// SetClock replaces the clock, for tests.
func (t *Throttle) SetClock(now func() time.Time) { t.now = now }

// Blocked reports whether key is over its limit and how long until it is not.
// When the database does not answer it lets the attempt through: what the
// attempt then does needs the database too, and fails there.
func (t *Throttle) Blocked(key string) (bool, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), throttleTimeout)
	defer cancel()
	now := t.now()
	full, until, err := t.st.HitsFull(ctx, t.key(key), now, t.limit)
	if err != nil {
		slog.Warn("throttle not read", "throttle", t.name, "err", err)
		return false, 0
	}
	if !full {
		return false, 0
	}
	return true, until.Sub(now)
}

// Fail records a failure for key.
func (t *Throttle) Fail(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), throttleTimeout)
	defer cancel()
	if err := t.st.Hit(ctx, t.key(key), t.now(), t.window); err != nil {
		slog.Warn("throttle not written", "throttle", t.name, "err", err)
	}
}

// Reset forgets key's failures (after a successful sign-in).
func (t *Throttle) Reset(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), throttleTimeout)
	defer cancel()
	if err := t.st.ForgetHits(ctx, t.key(key)); err != nil {
		slog.Warn("throttle not reset", "throttle", t.name, "err", err)
	}
}

func (t *Throttle) key(key string) string { return t.name + "/" + key }
