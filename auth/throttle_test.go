package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

func TestThrottle(t *testing.T) {
	t.Parallel()
	const limit, window = 3, 10 * time.Minute
	now := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	th := auth.NewThrottle(storetest.Open(t), "test", limit, window)
	th.SetClock(func() time.Time { return now })
	blocked := func(key string) (bool, time.Duration) {
		t.Helper()
		return th.Blocked(key)
	}

	start := now
	for i := range limit {
		if b, _ := blocked("ip:192.0.2.1"); b {
			t.Fatalf("blocked after %d failures, limit is %d", i, limit)
		}
		th.Fail("ip:192.0.2.1")
		now = now.Add(time.Minute)
	}
	now = now.Add(-time.Minute) // back to the third failure's time
	b, wait := blocked("ip:192.0.2.1")
	if !b || wait <= 0 {
		t.Fatalf("after %d failures: blocked %v, wait %v; want blocked with a positive wait", limit, b, wait)
	}
	if want := start.Add(window).Sub(now); wait != want {
		t.Errorf("wait = %v, want %v (until the oldest failure leaves the window)", wait, want)
	}
	if b, _ := blocked("ip:192.0.2.2"); b {
		t.Error("another key is blocked")
	}

	// Just before the oldest failure leaves the window: still blocked.
	now = start.Add(window - time.Second)
	if b, wait := blocked("ip:192.0.2.1"); !b || wait != time.Second {
		t.Errorf("1s before the window ends: blocked %v, wait %v", b, wait)
	}
	// Once it has left, attempts may resume: no permanent lockout.
	now = start.Add(window + time.Second)
	if b, _ := blocked("ip:192.0.2.1"); b {
		t.Error("still blocked after the window")
	}
	// One more failure brings it back to the limit (two are still in the window).
	th.Fail("ip:192.0.2.1")
	if b, _ := blocked("ip:192.0.2.1"); !b {
		t.Error("not blocked with three failures inside the window")
	}
	// Long after, everything is forgotten.
	now = now.Add(24 * time.Hour)
	if b, _ := blocked("ip:192.0.2.1"); b {
		t.Error("blocked a day later")
	}

	// Reset clears the count (a successful sign-in).
	for range limit {
		th.Fail("acct:ann")
	}
	if b, _ := blocked("acct:ann"); !b {
		t.Fatal("not blocked at the limit")
	}
	th.Reset("acct:ann")
	if b, _ := blocked("acct:ann"); b {
		t.Error("blocked after Reset")
	}
	th.Fail("acct:ann")
	if b, _ := blocked("acct:ann"); b {
		t.Error("one failure after Reset blocks")
	}
}

// TestThrottleSharedAcrossStores: two processes on one database (two stores
// opened on it) count failures against one limit, so spreading guesses over
// the processes behind a load balancer buys no more of them.
func TestThrottleSharedAcrossStores(t *testing.T) {
	t.Parallel()
	const limit, window = 5, 15 * time.Minute
	db := storetest.DB(t)
	now := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	var throttles []*auth.Throttle
	var stores []*store.Store
	for range 2 {
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		stores = append(stores, st)
		th := auth.NewThrottle(st, "signin-acct", limit, window)
		th.SetClock(func() time.Time { return now })
		throttles = append(throttles, th)
	}
	for i := range limit {
		if b, _ := throttles[(i+1)%2].Blocked("acct:ann"); b {
			t.Fatalf("blocked after %d failures, limit is %d", i, limit)
		}
		throttles[i%2].Fail("acct:ann")
		now = now.Add(time.Second)
	}
	for i, th := range throttles {
		if b, _ := th.Blocked("acct:ann"); !b {
			t.Errorf("process %d: not blocked after %d failures spread over two", i, limit)
		}
	}
	// Another throttle's keys are its own, even under the same key.
	other := auth.NewThrottle(stores[0], "mail-addr", limit, window)
	other.SetClock(func() time.Time { return now })
	if b, _ := other.Blocked("acct:ann"); b {
		t.Error("a throttle of another name counts these failures")
	}
	// A success in one process clears the count for both.
	throttles[0].Reset("acct:ann")
	if b, _ := throttles[1].Blocked("acct:ann"); b {
		t.Error("still blocked in the other process after Reset")
	}
}
