package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"
)

// The limits every console process shares: a throttle's failures
// (limit_hits) and a rate limit's token buckets (limits) live in the
// database, so N processes give one budget, not N. Each check is one
// statement. Times are unix milliseconds; the caller passes its clock's
// time, so a throttle keeps the clock it was given.

// Hit records one failure under name, counted until window has passed from at.
func (s *Store) Hit(ctx context.Context, name string, at time.Time, window time.Duration) error {
	if _, err := s.exec(ctx, `INSERT INTO limit_hits (name, until_ms) VALUES (?, ?)`,
		name, at.Add(window).UnixMilli()); err != nil {
		return fmt.Errorf("store: limit hit: %w", err)
	}
	return nil
}

// HitsFull reports whether name has limit failures still counting at now
// and, when it has, when the oldest of the last limit stops counting: the
// key may try again from then on, so a victim is never locked out for good.
func (s *Store) HitsFull(ctx context.Context, name string, now time.Time, limit int) (bool, time.Time, error) {
	var until int64
	err := s.queryRow(ctx, `SELECT until_ms FROM limit_hits WHERE name = ? AND until_ms > ?
		ORDER BY until_ms DESC LIMIT 1 OFFSET ?`, name, now.UnixMilli(), max(limit-1, 0)).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return false, time.Time{}, nil
	}
	if err != nil {
		return false, time.Time{}, fmt.Errorf("store: limit hits: %w", err)
	}
	return true, time.UnixMilli(until), nil
}

// ForgetHits deletes name's failures (after a successful sign-in).
func (s *Store) ForgetHits(ctx context.Context, name string) error {
	if _, err := s.exec(ctx, `DELETE FROM limit_hits WHERE name = ?`, name); err != nil {
		return fmt.Errorf("store: forget limit hits: %w", err)
	}
	return nil
}

// Bucket is a token bucket: Burst tokens when full, refilled at Rate per second.
type Bucket struct {
	Rate  float64
	Burst int
}

// refill is the SQL for the tokens of the row in limits at ?1 (now, ms),
// refilled at ?2 tokens a millisecond up to ?3. The CASE is min(), which
// the two databases spell differently.
const refill = `(CASE WHEN limits.tokens + (CAST(?1 AS BIGINT) - limits.at_ms) * CAST(?2 AS DOUBLE PRECISION) >= CAST(?3 AS DOUBLE PRECISION)
	THEN CAST(?3 AS DOUBLE PRECISION) ELSE limits.tokens + (CAST(?1 AS BIGINT) - limits.at_ms) * CAST(?2 AS DOUBLE PRECISION) END)`

// Take draws a token from name's bucket at now. It reports whether it got
// one and, when not, how many tokens there are (less than one), from which
// the caller tells how long until the next. A new name starts full.
func (s *Store) Take(ctx context.Context, name string, b Bucket, now time.Time) (bool, float64, error) {
	var taken int
	var tokens float64
	err := s.writeRow(ctx, `INSERT INTO limits (name, tokens, taken, at_ms, until_ms)
		VALUES (?4, CAST(?3 AS DOUBLE PRECISION) - 1, 1, ?1, ?5)
		ON CONFLICT (name) DO UPDATE SET
			tokens = CASE WHEN `+refill+` >= 1 THEN `+refill+` - 1 ELSE `+refill+` END,
			taken = CASE WHEN `+refill+` >= 1 THEN 1 ELSE 0 END,
			at_ms = excluded.at_ms, until_ms = excluded.until_ms
		RETURNING taken, tokens`, b.args(name, now)...).Scan(&taken, &tokens)
	if err != nil {
		return false, 0, fmt.Errorf("store: take from %s: %w", name, err)
	}
	return taken == 1, tokens, nil
}

// Tokens is how many tokens name's bucket holds at now, without drawing one.
func (s *Store) Tokens(ctx context.Context, name string, b Bucket, now time.Time) (float64, error) {
	var tokens float64
	err := s.queryRow(ctx, `SELECT `+refill+` FROM limits WHERE name = ?4`, b.args(name, now)[:4]...).Scan(&tokens)
	if errors.Is(err, sql.ErrNoRows) {
		return float64(b.Burst), nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: tokens of %s: %w", name, err)
	}
	return tokens, nil
}

// args are the arguments of refill, then the name and when the bucket is
// full again even if drawn empty now (the row may go from then on).
func (b Bucket) args(name string, now time.Time) []any {
	ms := now.UnixMilli()
	full := ms + int64(math.Ceil(float64(b.Burst)/b.Rate*1000))
	return []any{ms, b.Rate / 1000, float64(b.Burst), name, full}
}

// PurgeLimits deletes the failures that no longer count and the buckets
// that are full again: neither changes any answer, and without the purge
// the tables would grow with every address that ever failed.
func (s *Store) PurgeLimits(ctx context.Context) (int64, error) {
	now := s.now().UnixMilli()
	var n int64
	for _, q := range []string{`DELETE FROM limit_hits WHERE until_ms <= ?`, `DELETE FROM limits WHERE until_ms <= ?`} {
		res, err := s.exec(ctx, q, now)
		if err != nil {
			return n, fmt.Errorf("store: purge limits: %w", err)
		}
		k, _ := res.RowsAffected()
		n += k
	}
	return n, nil
}

// TakeHit counts one attempt under name before it is made, unless limit are
// counting already: then it is refused, with when the oldest of the last
// limit stops counting. Checking and counting in one transaction, attempts
// made at once (from one process or several) cannot all pass a limit none
// of them had reached yet. A successful attempt gives its hit back
// (ReturnHit); a failed one leaves it as its failure.
func (s *Store) TakeHit(ctx context.Context, name string, now time.Time, window time.Duration, limit int) (bool, time.Time, error) {
	var full bool
	var until int64
	err := s.txSerializable(ctx, func(tx *Tx) error {
		full = false
		err := tx.queryRow(ctx, `SELECT until_ms FROM limit_hits WHERE name = ? AND until_ms > ?
			ORDER BY until_ms DESC LIMIT 1 OFFSET ?`, name, now.UnixMilli(), max(limit-1, 0)).Scan(&until)
		switch {
		case err == nil:
			full = true
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		until = now.Add(window).UnixMilli()
		_, err = tx.exec(ctx, `INSERT INTO limit_hits (name, until_ms) VALUES (?, ?)`, name, until)
		return err
	})
	if err != nil {
		return false, time.Time{}, fmt.Errorf("store: take limit hit: %w", err)
	}
	return !full, time.UnixMilli(until), nil
}

// ReturnHit gives back the hit TakeHit counted at until (an attempt that
// succeeded).
func (s *Store) ReturnHit(ctx context.Context, name string, until time.Time) error {
	if _, err := s.exec(ctx, `DELETE FROM limit_hits WHERE name = ? AND until_ms = ?`, name, until.UnixMilli()); err != nil {
		return fmt.Errorf("store: return limit hit: %w", err)
	}
	return nil
}
