package api

import (
	"math"
	"sync"
	"time"
)

// limiter is a token bucket per key (an account, a client address), in
// memory: a restart or a second process starts every bucket afresh, which is
// enough to stop a runaway script. (Moving it to the database is a later issue.)
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	return &limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// allow takes a token for key, or says how many whole seconds until one is there.
func (l *limiter) allow(key string) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, l.wait(b)
}

// blocked says, without taking a token, whether key has none left and how
// many whole seconds until it has one.
func (l *limiter) blocked(key string) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.refill(key); b.tokens < 1 {
		return true, l.wait(b)
	}
	return false, 0
}

func (l *limiter) refill(key string) *bucket {
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) > 100_000 { // forget idle keys rather than grow without end
			clear(l.buckets)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	return b
}

func (l *limiter) wait(b *bucket) int { return max(1, int(math.Ceil((1-b.tokens)/l.rate))) }
