package web

import (
	"context"
	"time"
)

// RunJobs runs the background jobs (bulk actions) of every tenant until ctx
// ends; every console process over the database runs it, and they share
// the work.
func (h *Handler) RunJobs(ctx context.Context) { h.ops.RunJobs(ctx, h.log, h.jobLease) }

// WorkJobs runs every job to its end, for tests: the same steps the
// background worker takes, without its waiting.
func (h *Handler) WorkJobs(ctx context.Context) error {
	for {
		n, err := h.ops.WorkJobs(ctx, 50, time.Minute)
		if err != nil || n == 0 {
			return err
		}
	}
}
