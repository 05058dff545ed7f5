package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TakeLease takes the lease called name for holder until period from now
// (by the store's clock), when nobody holds it: the lease is free once its
// last holder's period has passed, whoever that holder was. It reports
// whether this call took it. Several processes calling it for one job run
// that job once per period: the single statement is atomic on both
// databases (on PostgreSQL the second of two racing inserts waits for the
// first and then finds the lease held).
func (s *Store) TakeLease(ctx context.Context, name, holder string, period time.Duration) (bool, error) {
	now := s.now()
	var got string
	err := s.writeRow(ctx, `INSERT INTO leases (name, holder, until) VALUES (?1, ?2, ?3)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
		WHERE leases.until <= ?4 RETURNING holder`, name, holder, now.Add(period).Unix(), now.Unix()).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: take lease %s: %w", name, err)
	}
	return true, nil
}

// Periodic is work that one process of many does once per Period.
type Periodic struct {
	Name   string
	Period time.Duration
	Run    func(ctx context.Context) error
}

// RunIfDue runs job when holder takes its lease, and reports whether it ran.
// Processes call it more often than the period (on a ticker): whichever
// takes the lease first in a period runs the job, the others skip it.
func (s *Store) RunIfDue(ctx context.Context, holder string, job Periodic) (bool, error) {
	took, err := s.TakeLease(ctx, job.Name, holder, job.Period)
	if err != nil || !took {
		return false, err
	}
	return true, job.Run(ctx)
}
