package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/console-dev/console/store"
)

// periodicTick is how often a process asks whether a periodic job is due:
// far more often than any job's period, so a job runs soon after its
// period ends whichever process is still there to take it.
const periodicTick = time.Minute

// policySweepPeriod is how often the tenants' dormancy and expiry policies
// are applied (ops.SweepPolicies).
const policySweepPeriod = 10 * time.Minute

// periodicJobs are the housekeeping jobs that one process runs per period,
// however many console processes share the database; sweep, when not nil,
// applies the tenants' policies ("policy-sweep").
func periodicJobs(st *store.Store, idle, absolute time.Duration, sweep func(context.Context, time.Time) error) []store.Periodic {
	jobs := []store.Periodic{
		{Name: "session-purge", Period: 10 * time.Minute, Run: func(ctx context.Context) error {
			now := time.Now()
			_, err := st.PurgeSessions(ctx, now.Add(-idle), now.Add(-absolute))
			return err
		}},
		{Name: "audit-retention", Period: time.Hour, Run: func(ctx context.Context) error {
			_, err := st.PurgeAudit(ctx)
			return err
		}},
		{Name: "limits-purge", Period: 10 * time.Minute, Run: func(ctx context.Context) error {
			_, err := st.PurgeLimits(ctx)
			return err
		}},
	}
	if sweep != nil {
		jobs = append(jobs, store.Periodic{Name: "policy-sweep", Period: policySweepPeriod, Run: func(ctx context.Context) error {
			return sweep(ctx, time.Now())
		}})
	}
	return jobs
}

// runPeriodic runs the due jobs now and then every tick until ctx ends.
func runPeriodic(ctx context.Context, st *store.Store, log *slog.Logger, holder string, jobs []store.Periodic) {
	t := time.NewTicker(periodicTick)
	defer t.Stop()
	for {
		runDue(ctx, st, log, holder, jobs)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// runDue runs each job whose lease holder takes; a failure is logged and
// the job waits for its next period.
func runDue(ctx context.Context, st *store.Store, log *slog.Logger, holder string, jobs []store.Periodic) {
	for _, j := range jobs {
		ran, err := st.RunIfDue(ctx, holder, j)
		if ran {
			log.Info("periodic job ran", "job", j.Name)
		}
		if err != nil && ctx.Err() == nil {
			log.Error("periodic job", "job", j.Name, "err", err)
		}
	}
}

// processName names this process in the leases it holds, for an operator
// reading the leases table: host, process id and a random part (two
// containers may share a host name and a pid).
func processName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}
