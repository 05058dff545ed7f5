package mail

import (
	"context"
	"log/slog"
	"time"

	"github.com/console-dev/console/store"
)

// MaxAttempts is how many times an email is tried before it shows as failed.
const MaxAttempts = 8

// Worker delivers due emails of the outbox. Without a sender (no SMTP
// configured) it is absent and mail stays in the outbox for the Mail page.
type Worker struct {
	st   *store.Store
	send Sender
	log  *slog.Logger
	wake chan struct{}
	now  func() time.Time
}

// NewWorker returns a worker delivering through send.
func NewWorker(st *store.Store, send Sender, log *slog.Logger) *Worker {
	return &Worker{st: st, send: send, log: log, wake: make(chan struct{}, 1), now: time.Now}
}

// SetClock replaces the clock that sets retry times, for tests.
func (w *Worker) SetClock(now func() time.Time) { w.now = now }

// Wake asks for a delivery round now (a new email was queued).
func (w *Worker) Wake() {
	if w == nil {
		return
	}
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends: on every wake and at least every 15 seconds,
// which is when retries come due.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(15 * time.Second)
	defer t.Stop()
	for {
		if _, err := w.Deliver(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("mail delivery", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-t.C:
		}
	}
}

// A worker claims a few emails at a time, each for as long as sending the
// whole batch may take (every send times out after sendTimeout) and a
// minute more to record the outcomes. Another worker, in this process or
// another, never sends a claimed email; one whose worker died mid-send comes
// due again when the claim lapses.
const (
	claimBatch  = 4
	sendTimeout = time.Minute
	// Lease is how long a claimed email is left to its worker.
	Lease = claimBatch*sendTimeout + time.Minute
)

// Deliver sends every due email once and returns how many were sent.
func (w *Worker) Deliver(ctx context.Context) (int, error) {
	sent := 0
	for {
		due, err := w.st.ClaimMail(ctx, claimBatch, Lease)
		if err != nil || len(due) == 0 {
			return sent, err
		}
		for _, m := range due {
			ok, err := w.deliver(ctx, m)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
		if len(due) < claimBatch {
			return sent, nil
		}
	}
}

// deliver tries one email; a failure is recorded for a later retry, or as
// final after MaxAttempts, and is not an error of the round.
func (w *Worker) deliver(ctx context.Context, m store.Mail) (bool, error) {
	sendCtx, cancel := context.WithTimeout(ctx, sendTimeout)
	err := w.send.Send(sendCtx, m)
	cancel()
	if err == nil {
		w.log.Info("mail sent", "mail_id", m.ID, "tenant_id", m.TenantID, "kind", m.Kind)
		return true, w.st.MailSent(ctx, m.ID)
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	var retry time.Time
	if m.Attempts+1 < MaxAttempts {
		retry = w.now().Add(Backoff(m.Attempts + 1))
	}
	w.log.Warn("mail not sent", "mail_id", m.ID, "tenant_id", m.TenantID, "kind", m.Kind, "attempt", m.Attempts+1, "err", err)
	return false, w.st.MailAttemptFailed(ctx, m.ID, trim(err.Error(), 500), retry)
}

// Backoff is the wait before attempt n+1: 30 s doubling, at most an hour.
func Backoff(n int) time.Duration {
	d := 30 * time.Second << min(n-1, 7)
	return min(d, time.Hour)
}

func trim(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
