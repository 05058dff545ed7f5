package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestBucketSharedAcrossProcesses: two processes draw from one bucket, so
// the burst is the burst whatever the number of processes, including when
// they draw at the same instant; it refills at its rate.
func TestBucketSharedAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st := twoStores(t, nil)
	b := store.Bucket{Rate: 2, Burst: 5}
	var got atomic.Int32
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			ok, _, err := st[i%2].Take(ctx, "api-account/7", b, now)
			if err != nil {
				t.Error(err)
			}
			if ok {
				got.Add(1)
			}
		})
	}
	wg.Wait()
	if n := got.Load(); n != 5 {
		t.Fatalf("%d of 12 draws at one instant got a token, want the burst of 5", n)
	}
	if tokens, err := st[1].Tokens(ctx, "api-account/7", b, now); err != nil || tokens >= 1 {
		t.Fatalf("tokens = %v, %v; want none left", tokens, err)
	}
	// Half a second later (2 a second) one token is back, in either process.
	now = now.Add(500 * time.Millisecond)
	if tokens, _ := st[0].Tokens(ctx, "api-account/7", b, now); tokens != 1 {
		t.Fatalf("after 0.5 s: %v tokens, want 1", tokens)
	}
	if ok, _, _ := st[0].Take(ctx, "api-account/7", b, now); !ok {
		t.Fatal("the refilled token refused")
	}
	ok, tokens, _ := st[1].Take(ctx, "api-account/7", b, now)
	if ok || tokens != 0 {
		t.Fatalf("second draw: got %v with %v tokens; want refused with 0", ok, tokens)
	}
	// Another key has its own bucket, full.
	if tokens, _ := st[1].Tokens(ctx, "api-account/8", b, now); tokens != 5 {
		t.Fatalf("a new key holds %v tokens, want 5", tokens)
	}
	// Long idle, the bucket is full again and no fuller.
	now = now.Add(time.Hour)
	if tokens, _ := st[0].Tokens(ctx, "api-account/7", b, now); tokens != 5 {
		t.Fatalf("after an hour: %v tokens, want 5", tokens)
	}
}

// TestHitsSharedAcrossProcesses: failures recorded by two processes count
// against one sliding window; the key may try again once its oldest
// failure leaves the window.
func TestHitsSharedAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st := twoStores(t, nil)
	const limit, window = 3, 10 * time.Minute
	start := now
	for i := range limit {
		if full, _, _ := st[0].HitsFull(ctx, "signin-ip/ip:192.0.2.1", now, limit); full {
			t.Fatalf("full after %d failures", i)
		}
		if err := st[i%2].Hit(ctx, "signin-ip/ip:192.0.2.1", now, window); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
	}
	full, until, err := st[1].HitsFull(ctx, "signin-ip/ip:192.0.2.1", now, limit)
	if err != nil || !full || !until.Equal(start.Add(window)) {
		t.Fatalf("full %v until %v (%v); want full until %v", full, until, err, start.Add(window))
	}
	if full, _, _ := st[1].HitsFull(ctx, "signin-ip/ip:192.0.2.2", now, limit); full {
		t.Fatal("another key is full")
	}
	if full, _, _ := st[1].HitsFull(ctx, "signin-ip/ip:192.0.2.1", start.Add(window), limit); full {
		t.Fatal("still full once the oldest failure left the window")
	}
	if err := st[0].ForgetHits(ctx, "signin-ip/ip:192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	if full, _, _ := st[1].HitsFull(ctx, "signin-ip/ip:192.0.2.1", now, limit); full {
		t.Fatal("full after ForgetHits")
	}
}

// TestPurgeLimits: the purge deletes only what no longer counts, so no
// answer changes, and the tables do not keep every key that ever failed.
func TestPurgeLimits(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st := twoStores(t, &now)
	b := store.Bucket{Rate: 1, Burst: 2}
	for _, at := range []time.Time{now.Add(-11 * time.Minute), now.Add(-9 * time.Minute), now.Add(-8 * time.Minute)} {
		if err := st[0].Hit(ctx, "signin-ip/ip:192.0.2.1", at, 10*time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := st[0].Take(ctx, "api-address/192.0.2.1", b, now.Add(-3*time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st[0].Take(ctx, "api-address/192.0.2.2", b, now.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	n, err := st[1].PurgeLimits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("purged %d rows, want 2 (the failure 11 minutes old, the bucket full again)", n)
	}
	if full, _, _ := st[1].HitsFull(ctx, "signin-ip/ip:192.0.2.1", now, 2); !full {
		t.Fatal("the failures still in their window went")
	}
	if tokens, _ := st[1].Tokens(ctx, "api-address/192.0.2.2", b, now); tokens != 2 {
		t.Fatalf("the bucket drawn a second ago holds %v tokens, want 2", tokens)
	}
	if tokens, _ := st[1].Tokens(ctx, "api-address/192.0.2.1", b, now); tokens != 2 {
		t.Fatalf("a purged bucket holds %v tokens, want full", tokens)
	}
}
