package ops

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/console-dev/console/store"
)

// Job worker settings: items claimed at once, how long a claim holds them
// from other workers (a dead worker's items come due again after it), and
// how often an idle worker looks for jobs other processes queued.
const (
	jobBatch = 50
	jobLease = 2 * time.Minute
	jobPoll  = 3 * time.Second
	// An item that meets a busy database is tried again after jobBusyWait,
	// jobBusyTries times at most (each try waits the busy timeout first).
	jobBusyWait  = 5 * time.Second
	jobBusyTries = 10
)

// wakeJobs tells this process's worker that a job is waiting.
func (o *Ops) wakeJobs() {
	select {
	case o.jobs <- struct{}{}:
	default:
	}
}

// RunJobs works the queued jobs of every tenant until ctx ends: at once
// when this process queues one, else every few seconds. Any number of
// processes may run it over one database; they share the items. lease is
// how long its claims hold (0: jobLease).
func (o *Ops) RunJobs(ctx context.Context, log *slog.Logger, lease time.Duration) {
	if lease <= 0 {
		lease = jobLease
	}
	for {
		n, err := o.WorkJobs(ctx, jobBatch, lease)
		if err != nil && ctx.Err() == nil {
			log.Error("jobs", "err", err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-o.jobs:
		case <-time.After(jobPoll):
		}
	}
}

// WorkJobs runs one batch of items of every open job (oldest first, so a
// large job does not hold back the others) and finishes the jobs with
// nothing left; it returns how many items it ran.
func (o *Ops) WorkJobs(ctx context.Context, batch int, lease time.Duration) (int, error) {
	jobs, err := o.st.OpenJobs(ctx)
	if err != nil {
		return 0, err
	}
	ran := 0
	var first error
	for _, j := range jobs {
		n, err := o.workJob(ctx, j, batch, lease)
		ran += n
		if err != nil && ctx.Err() != nil {
			return ran, err
		}
		if err != nil && first == nil {
			first = err // the other jobs go on
		}
	}
	return ran, first
}

// workJob claims and runs one batch of j's items.
func (o *Ops) workJob(ctx context.Context, j store.Job, batch int, lease time.Duration) (int, error) {
	var p Principal
	var params JobParams
	if err := json.Unmarshal([]byte(j.Principal), &p); err != nil {
		return 0, err
	}
	if err := json.Unmarshal([]byte(j.Params), &params); err != nil {
		return 0, err
	}
	act, known := jobActions[j.Action]
	started := time.Now()
	items, err := o.st.ClaimJobItems(ctx, j.ID, batch, lease)
	if err == nil && len(items) > 0 {
		// nobody acts in a deactivated tenant, nor from one
		if blocked, berr := o.st.Blocked(ctx, p.TenantID, p.HomeTenantID); berr != nil {
			return 0, berr
		} else if blocked {
			for _, it := range items {
				if err := o.st.FinishJobItem(ctx, it, "skipped", "job_reason_tenant_blocked"); err != nil {
					return 0, err
				}
			}
			return len(items), nil
		}
	}
	if err != nil || len(items) == 0 {
		if err == nil {
			_, err = o.st.CompleteJob(ctx, j.ID)
		}
		return 0, err
	}
	for i, it := range items {
		if status, err := o.st.JobStatus(ctx, j.ID); err != nil || status == "cancelled" {
			return i, err
		}
		if time.Since(started) > lease/2 {
			return i, nil // the rest of the claim may lapse: another round claims it again
		}
		outcome, reason := "failed", "job_reason_unknown_action"
		if known {
			outcome, reason = o.runItem(ctx, j, p, act, params, it)
		}
		if outcome == "" {
			continue // not this worker's any more
		}
		if outcome == "again" {
			// the database was busy: the item is given back for a later claim
			// (a release that fails too leaves it until its lease lapses)
			o.retryItem(ctx, it, act.rows)
			continue
		}
		if err := o.st.FinishJobItem(ctx, it, outcome, reason); store.Transient(err) {
			o.retryItem(ctx, it, act.rows)
		} else if err != nil {
			return i, err
		}
	}
	if len(items) < batch {
		_, err = o.st.CompleteJob(ctx, j.ID)
	}
	return len(items), err
}

// retryItem gives an item back to be tried again in a while (an import's
// row from its start).
func (o *Ops) retryItem(ctx context.Context, it store.JobItem, rows bool) {
	_ = o.st.ReleaseJobItem(ctx, it, o.st.Now().Add(jobBusyWait), jobBusyTries, rows)
}

// runItem does one item as the job's principal and says what became of it:
// done (the change's own transaction already settled the item), or skipped
// or failed with the reason's catalog key.
func (o *Ops) runItem(ctx context.Context, j store.Job, p Principal, act jobAction, params JobParams, it store.JobItem) (string, string) {
	if p.KeyID != 0 {
		if live, err := o.st.KeyLive(ctx, p.KeyID); err != nil {
			return itemOutcome(err)
		} else if !live {
			return "skipped", "job_reason_key_revoked"
		}
		ctx = store.WithAPIKey(ctx, p.KeyID)
	}
	var err error
	switch {
	case act.rows && o.importRows == nil:
		return "failed", "job_reason_unknown_action"
	case act.rows:
		err = o.importRows.ApplyItem(store.WithJobItem(ctx, it), p, it.Payload)
	default:
		err = act.run(store.WithJobItem(ctx, it), o, p, it.AccountID, params)
	}
	outcome, reason := itemOutcome(err)
	if outcome == "again" {
		slog.Warn("job item postponed: the database was busy", "job", j.ID, "seq", it.Seq, "err", err)
	}
	if outcome == "failed" {
		slog.Error("job item failed", "job", j.ID, "seq", it.Seq, "account", it.AccountID, "err", err)
	}
	return outcome, reason
}

// itemOutcome sorts an item's error: nil is "already so" (a change that
// happened settled its item as done first, which this does not overwrite);
// "" is an item another worker holds now; "again" one the database was too
// busy to run (a delay, not a failure: it is tried again).
func itemOutcome(err error) (string, string) {
	if err == nil {
		return "skipped", "job_reason_unchanged"
	}
	if errors.Is(err, store.ErrClaimLost) {
		return "", ""
	}
	if store.Transient(err) {
		return "again", "job_reason_busy"
	}
	if e, ok := As(err); ok {
		return "skipped", e.Key
	}
	switch {
	case errors.Is(err, store.ErrLastManager):
		return "skipped", "job_reason_last_manager"
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrUnknownAccount):
		return "skipped", "job_reason_gone"
	case errors.Is(err, store.ErrManaged), errors.Is(err, store.ErrExternal):
		return "skipped", "scim_err_managed"
	}
	return "failed", "job_reason_failed"
}
