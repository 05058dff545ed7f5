package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// MaxJobItems bounds the accounts one job acts on.
const MaxJobItems = 100_000

// Job is one action over a frozen list of accounts, run in the background.
type Job struct {
	ID, TenantID, ActorID int64
	Principal             string // the acting principal, as the operations layer wrote it
	Action                string
	Params                string // JSON
	Description           string
	Status                string // queued, running, done, cancelled
	Total                 int
	Done, Skipped, Failed int // items by outcome; the rest are still to do
	CreatedAt, FinishedAt time.Time
}

// Open reports whether the job still has items to run.
func (j Job) Open() bool { return j.Status == "queued" || j.Status == "running" }

// Left is the count of items not run yet.
func (j Job) Left() int { return max(j.Total-j.Done-j.Skipped-j.Failed, 0) }

// JobItem is one account of a job and what became of it.
type JobItem struct {
	JobID     int64
	Seq       int
	AccountID int64
	Label     string // the account's login when the list was frozen
	Outcome   string // "" (not run yet), done, skipped, failed
	Reason    string // a catalog key, for skipped and failed
	Claim     string // the claim a worker holds it under (ClaimJobItems)
	Payload   string // what an import's item applies (its row, JSON); "" otherwise
}

// NewJob is a job to create: its items are the accounts in order.
type NewJob struct {
	Principal   string
	Action      string
	Params      string
	Description string
	Items       []JobItem // AccountID, Label (and an import's Payload)
}

const jobColumns = `id, tenant_id, actor_id, principal, action, params, description, status, total, created_at, finished_at`

// CreateJob freezes a job and its accounts, audited as job.create; by's guard
// decides whether by may start it (the permission the action needs).
func (s *Store) CreateJob(ctx context.Context, by Actor, n NewJob) (Job, error) {
	if len(n.Items) == 0 || len(n.Items) > MaxJobItems {
		return Job{}, fmt.Errorf("store: create job: %d items", len(n.Items))
	}
	var id int64
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var open int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM jobs WHERE tenant_id = ? AND status IN ('queued', 'running')`,
			by.TenantID).Scan(&open); err != nil {
			return err
		}
		if open >= MaxOpenJobs {
			return ErrTooManyJobs
		}
		var err error
		id, err = tx.insert(ctx, `INSERT INTO jobs (tenant_id, actor_id, principal, action, params, description, status, total, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`, by.TenantID, nullID(by.AccountID), n.Principal, n.Action, n.Params,
			n.Description, len(n.Items), tx.s.unix())
		if err != nil {
			return err
		}
		if err := tx.insertJobItems(ctx, id, n.Items); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionJobCreate,
			TargetType: "job", TargetID: id, Details: map[string]any{"action": n.Action, "total": len(n.Items)}})
	})
	if err != nil {
		return Job{}, fmt.Errorf("store: create job: %w", err)
	}
	return s.Job(ctx, by.TenantID, id)
}

// insertJobItems writes the items 500 to a statement.
func (tx *Tx) insertJobItems(ctx context.Context, jobID int64, items []JobItem) error {
	const per = 500
	for start := 0; start < len(items); start += per {
		end := min(start+per, len(items))
		var b strings.Builder
		args := make([]any, 0, 5*(end-start))
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?, ?)")
			args = append(args, jobID, i+1, items[i].AccountID, items[i].Label, items[i].Payload)
		}
		if _, err := tx.exec(ctx, `INSERT INTO job_items (job_id, seq, account_id, label, payload) VALUES `+b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// Job returns one job of the tenant with its counts; another tenant's is ErrNotFound.
func (s *Store) Job(ctx context.Context, tenantID, id int64) (Job, error) {
	j, err := scanJob(s.queryRow(ctx, `SELECT `+jobColumns+` FROM jobs WHERE tenant_id = ? AND id = ?`, tenantID, id))
	if err != nil {
		return j, fmt.Errorf("store: job: %w", notFound(err))
	}
	return j, s.countJob(ctx, &j)
}

// countJob reads the job's items by outcome.
func (s *Store) countJob(ctx context.Context, j *Job) error {
	return countOutcomes(s.query(ctx, countOutcomesSQL, j.ID))(j)
}

const countOutcomesSQL = `SELECT outcome, COUNT(*) FROM job_items WHERE job_id = ? AND outcome <> '' GROUP BY outcome`

// countOutcomes reads the counts of countOutcomesSQL into a job.
func countOutcomes(rows *sql.Rows, err error) func(j *Job) error {
	return func(j *Job) error {
		if err != nil {
			return fmt.Errorf("store: job counts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var outcome string
			var n int
			if err := rows.Scan(&outcome, &n); err != nil {
				return fmt.Errorf("store: job counts: %w", err)
			}
			switch outcome {
			case "done":
				j.Done = n
			case "skipped":
				j.Skipped = n
			case "failed":
				j.Failed = n
			}
		}
		return rows.Err()
	}
}

func scanJob(r scanner) (Job, error) {
	var j Job
	var actor sql.NullInt64
	var created, finished int64
	err := r.Scan(&j.ID, &j.TenantID, &actor, &j.Principal, &j.Action, &j.Params, &j.Description, &j.Status, &j.Total,
		&created, &finished)
	j.ActorID, j.CreatedAt = actor.Int64, time.Unix(created, 0)
	if finished != 0 {
		j.FinishedAt = time.Unix(finished, 0)
	}
	return j, err
}

// Jobs lists the tenant's latest jobs, newest first, with their counts.
func (s *Store) Jobs(ctx context.Context, tenantID int64, limit int) ([]Job, error) {
	rows, err := s.query(ctx, `SELECT `+jobColumns+` FROM jobs WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`, tenantID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: jobs: %w", err)
	}
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: jobs: %w", err)
		}
		out = append(out, j)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: jobs: %w", err)
	}
	for i := range out {
		if err := s.countJob(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// JobItems pages a job's items after seq, in order.
func (s *Store) JobItems(ctx context.Context, jobID int64, after, limit int) ([]JobItem, error) {
	var out []JobItem
	err := s.EachJobItem(ctx, jobID, after, limit, func(it JobItem) error {
		out = append(out, it)
		return nil
	})
	return out, err
}

// EachJobItem calls fn for a job's items after seq, in order, up to limit
// (0: all of them), streaming.
func (s *Store) EachJobItem(ctx context.Context, jobID int64, after, limit int, fn func(JobItem) error) error {
	if limit <= 0 {
		limit = MaxJobItems
	}
	rows, err := s.query(ctx, `SELECT job_id, seq, account_id, label, outcome, reason, payload FROM job_items
		WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?`, jobID, after, limit)
	if err != nil {
		return fmt.Errorf("store: job items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it JobItem
		if err := rows.Scan(&it.JobID, &it.Seq, &it.AccountID, &it.Label, &it.Outcome, &it.Reason, &it.Payload); err != nil {
			return fmt.Errorf("store: job items: %w", err)
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

// JobProblems are the first limit items of a finished job that were not
// done (skipped or failed), in order: what its page lists.
func (s *Store) JobProblems(ctx context.Context, jobID int64, limit int) ([]JobItem, error) {
	rows, err := s.query(ctx, `SELECT job_id, seq, account_id, label, outcome, reason, payload FROM job_items
		WHERE job_id = ? AND outcome IN ('skipped', 'failed') ORDER BY seq LIMIT ?`, jobID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: job problems: %w", err)
	}
	defer rows.Close()
	var out []JobItem
	for rows.Next() {
		var it JobItem
		if err := rows.Scan(&it.JobID, &it.Seq, &it.AccountID, &it.Label, &it.Outcome, &it.Reason, &it.Payload); err != nil {
			return nil, fmt.Errorf("store: job problems: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}
