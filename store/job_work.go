package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// The work on jobs: what workers claim, settle and finish, and the checks
// they make between items. job.go has the jobs themselves.

// ErrClaimLost means a worker's claim on a job item has passed to another
// (its lease ran out): its change is rolled back, the other does the item.
var ErrClaimLost = errors.New("store: job item claimed by another worker")

// OpenJobs lists the jobs that still have items to run, oldest first, in
// every tenant: what a worker looks at.
func (s *Store) OpenJobs(ctx context.Context) ([]Job, error) {
	rows, err := s.query(ctx, `SELECT `+jobColumns+` FROM jobs WHERE status IN ('queued', 'running') ORDER BY id LIMIT 100`)
	if err != nil {
		return nil, fmt.Errorf("store: open jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("store: open jobs: %w", err)
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// ClaimJobItems takes up to limit items of the job not run yet and not held
// by another worker, for lease: until it passes no other worker (in this
// process or another) takes them; an item whose worker died comes due again
// after it. The job becomes running. On PostgreSQL the rows another claim
// is taking are skipped (FOR UPDATE SKIP LOCKED).
func (s *Store) ClaimJobItems(ctx context.Context, jobID int64, limit int, lease time.Duration) ([]JobItem, error) {
	now := s.now()
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	claim := hex.EncodeToString(b)
	q := `UPDATE job_items SET lease_until = ?, claim = ? WHERE job_id = ? AND seq IN (SELECT seq FROM job_items
		WHERE job_id = ? AND outcome = '' AND lease_until <= ? ORDER BY seq LIMIT ?`
	if s.pg {
		q += ` FOR UPDATE SKIP LOCKED`
	}
	q += `) RETURNING job_id, seq, account_id, label, payload`
	var out []JobItem
	err := s.tx(ctx, func(tx *Tx) error {
		out = out[:0]
		if _, err := tx.exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = ? AND status = 'queued'`, jobID); err != nil {
			return err
		}
		rows, err := tx.query(ctx, q, now.Add(lease).Unix(), claim, jobID, jobID, now.Unix(), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			it := JobItem{Claim: claim}
			if err := rows.Scan(&it.JobID, &it.Seq, &it.AccountID, &it.Label, &it.Payload); err != nil {
				return err
			}
			out = append(out, it)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim job items: %w", err)
	}
	return out, nil
}

// FinishJobItem records what became of an item that its change did not mark
// done itself (skipped, failed, or nothing to change), under the claim it
// was run with; an item already settled, or claimed again since, is left.
func (s *Store) FinishJobItem(ctx context.Context, it JobItem, outcome, reason string) error {
	_, err := s.exec(ctx, `UPDATE job_items SET outcome = ?, reason = ? WHERE job_id = ? AND seq = ? AND outcome = '' AND claim = ?`,
		outcome, reason, it.JobID, it.Seq, it.Claim)
	if err != nil {
		return fmt.Errorf("store: finish job item: %w", err)
	}
	return nil
}

// ReleaseJobItem gives an item back unsettled, under the claim it was run
// with, for the next claim from retryAt on; an item given back max times
// fails with job_reason_busy instead. redo gives back an item already
// marked done too (an import's row, done by its first step and met by the
// busy database at a later one: running the row again is safe).
func (s *Store) ReleaseJobItem(ctx context.Context, it JobItem, retryAt time.Time, max int, redo bool) error {
	settled := `outcome = ''`
	if redo {
		settled = `outcome IN ('', 'done')`
	}
	_, err := s.exec(ctx, `UPDATE job_items SET attempts = attempts + 1,
		lease_until = CASE WHEN attempts + 1 >= ? THEN lease_until ELSE ? END,
		claim = CASE WHEN attempts + 1 >= ? THEN claim ELSE '' END,
		outcome = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE '' END,
		reason = CASE WHEN attempts + 1 >= ? THEN 'job_reason_busy' ELSE '' END
		WHERE job_id = ? AND seq = ? AND claim = ? AND `+settled,
		max, retryAt.Unix(), max, max, max, it.JobID, it.Seq, it.Claim)
	if err != nil {
		return fmt.Errorf("store: release job item: %w", err)
	}
	return nil
}

// CompleteJob marks the job done once none of its items is left, audited as
// job.finish with its counts; it reports whether this call finished it
// (of several workers, one does).
func (s *Store) CompleteJob(ctx context.Context, jobID int64) (bool, error) {
	var finished bool
	err := s.tx(ctx, func(tx *Tx) error {
		finished = false
		var tenantID int64
		var actor sql.NullInt64
		err := tx.queryRow(ctx, `UPDATE jobs SET status = 'done', finished_at = ? WHERE id = ? AND status IN ('queued', 'running')
			AND NOT EXISTS (SELECT 1 FROM job_items WHERE job_id = ? AND outcome = '') RETURNING tenant_id, actor_id`,
			tx.s.unix(), jobID, jobID).Scan(&tenantID, &actor)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		finished = true
		j := Job{ID: jobID}
		if err := countOutcomes(tx.query(ctx, countOutcomesSQL, jobID))(&j); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: tenantID, ActorID: actor.Int64, Action: ActionJobFinish, TargetType: "job", TargetID: jobID,
			Details: map[string]any{"done": j.Done, "skipped": j.Skipped, "failed": j.Failed}})
	})
	if err != nil {
		return false, fmt.Errorf("store: complete job: %w", err)
	}
	return finished, nil
}

// CancelJob stops a job of by's tenant: the items not run yet are skipped
// as cancelled (one running at this moment ends as it ends); audited as
// job.cancel. A job already over is left as it is.
func (s *Store) CancelJob(ctx context.Context, by Actor, jobID int64) (Job, error) {
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE tenant_id = ? AND id = ?
			AND status IN ('queued', 'running')`, tx.s.unix(), by.TenantID, jobID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var one int
			return notFound(tx.queryRow(ctx, `SELECT 1 FROM jobs WHERE tenant_id = ? AND id = ?`, by.TenantID, jobID).Scan(&one))
		}
		left, err := tx.exec(ctx, `UPDATE job_items SET outcome = 'skipped', reason = 'job_reason_cancelled'
			WHERE job_id = ? AND outcome = ''`, jobID)
		if err != nil {
			return err
		}
		n, _ := left.RowsAffected()
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionJobCancel,
			TargetType: "job", TargetID: jobID, Details: map[string]any{"not_run": n}})
	})
	if err != nil {
		return Job{}, fmt.Errorf("store: cancel job: %w", err)
	}
	return s.Job(ctx, by.TenantID, jobID)
}

// KeyLive reports whether an API key may still be used: not revoked, not expired.
func (s *Store) KeyLive(ctx context.Context, keyID int64) (bool, error) {
	var live bool
	err := s.queryRow(ctx, `SELECT revoked_at = 0 AND (expires_at = 0 OR expires_at > ?) FROM api_keys WHERE id = ?`,
		s.unix(), keyID).Scan(&live)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return live, err
}

// JobStatus reads a job's status alone: a worker asks it before each item,
// so a cancel stops the job within one item.
func (s *Store) JobStatus(ctx context.Context, jobID int64) (string, error) {
	var status string
	err := s.queryRow(ctx, `SELECT status FROM jobs WHERE id = ?`, jobID).Scan(&status)
	return status, notFound(err)
}

// Blocked reports whether any of the tenants is blocked (deactivated, or
// below a deactivated tenant): nobody acts in it, a job no more than a person.
func (s *Store) Blocked(ctx context.Context, tenantIDs ...int64) (bool, error) {
	var blocked bool
	err := s.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM tenants WHERE id IN (`+placeholders(len(tenantIDs))+`) AND blocked <> 0)`,
		int64sAny(tenantIDs)...).Scan(&blocked)
	return blocked, err
}

func int64sAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// MaxOpenJobs is how many jobs one tenant may have queued or running at once.
const MaxOpenJobs = 5

// ErrTooManyJobs refuses a job while the tenant has MaxOpenJobs open.
var ErrTooManyJobs = errors.New("store: too many open jobs")
