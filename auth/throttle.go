package auth

import (
	"sync"
	"time"
)

// Throttle counts failures per key in a sliding window. A key past its limit is
// refused until its oldest failure leaves the window: attempts slow down, but a
// victim is never locked out for good.
type Throttle struct {
	mu     sync.Mutex
	fails  map[string][]time.Time
	limit  int
	window time.Duration
	now    func() time.Time
}

// NewThrottle allows limit failures per key within window.
func NewThrottle(limit int, window time.Duration) *Throttle {
	return &Throttle{fails: map[string][]time.Time{}, limit: limit, window: window, now: time.Now}
}

// SetClock replaces the clock, for tests.
func (t *Throttle) SetClock(now func() time.Time) { t.now = now }

// Blocked reports whether key is over its limit and how long until it is not.
func (t *Throttle) Blocked(key string) (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	fs := t.recent(key)
	if len(fs) < t.limit {
		return false, 0
	}
	return true, fs[len(fs)-t.limit].Add(t.window).Sub(t.now())
}

// Fail records a failure for key.
func (t *Throttle) Fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.fails) > 100_000 {
		for k := range t.fails {
			t.recent(k)
		}
	}
	t.fails[key] = append(t.recent(key), t.now())
}

// Reset forgets key's failures (after a successful sign-in).
func (t *Throttle) Reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}

func (t *Throttle) recent(key string) []time.Time {
	fs := t.fails[key]
	cut := t.now().Add(-t.window)
	i := 0
	for i < len(fs) && !fs[i].After(cut) {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(t.fails, key)
		return nil
	}
	t.fails[key] = fs
	return fs
}
