package api

import (
	"context"
	"log/slog"
	"math"
	"time"

	"github.com/console-dev/console/store"
)

// limiter is a token bucket per key (an account, a client address), kept in
// the database: every console process on it draws from the same bucket, so
// a limit holds whatever the number of processes, and across restarts.
type limiter struct {
	st     *store.Store
	name   string // keeps this limiter's keys apart from the others'
	bucket store.Bucket
	now    func() time.Time
}

// limitTimeout bounds each of a limiter's statements.
const limitTimeout = 5 * time.Second

func newLimiter(st *store.Store, name string, rate float64, burst int, now func() time.Time) *limiter {
	return &limiter{st: st, name: name, bucket: store.Bucket{Rate: rate, Burst: burst}, now: now}
}

// allow takes a token for key, or says how many whole seconds until one is
// there. When the database does not answer the request goes through: what
// it then does needs the database too, and fails there.
func (l *limiter) allow(key string) (bool, int) {
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	ok, tokens, err := l.st.Take(ctx, l.name+"/"+key, l.bucket, l.now())
	if err != nil {
		slog.Warn("rate limit not drawn on", "limit", l.name, "err", err)
		return true, 0
	}
	if ok {
		return true, 0
	}
	return false, l.wait(tokens)
}

// blocked says, without taking a token, whether key has none left and how
// many whole seconds until it has one.
func (l *limiter) blocked(key string) (bool, int) {
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	tokens, err := l.st.Tokens(ctx, l.name+"/"+key, l.bucket, l.now())
	if err != nil {
		slog.Warn("rate limit not read", "limit", l.name, "err", err)
		return false, 0
	}
	if tokens >= 1 {
		return false, 0
	}
	return true, l.wait(tokens)
}

func (l *limiter) wait(tokens float64) int {
	return max(1, int(math.Ceil((1-tokens)/l.bucket.Rate)))
}
