package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestPeriodicJobsRunOncePerPeriodAcrossProcesses: two processes on one
// database tick every minute for 70 minutes; their logs together show the
// audit retention twice (at 0 and 60) and each 10-minute job 7 times, as
// one process alone would.
func TestPeriodicJobsRunOncePerPeriodAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	db := storetest.DB(t)
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	var logs [2]bytes.Buffer
	var procs [2]*store.Store
	for i := range procs {
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		st.SetClock(func() time.Time { return now })
		procs[i] = st
	}
	holders := [2]string{processName(), processName()}
	start := now
	for minute := range 70 {
		now = start.Add(time.Duration(minute) * time.Minute)
		for k := range procs {
			i := (minute + k) % 2 // either may come first
			log := slog.New(slog.NewTextHandler(&logs[i], nil))
			runDue(ctx, procs[i], log, holders[i], periodicJobs(procs[i], time.Hour, 12*time.Hour, nil))
		}
	}
	count := func(job string) int {
		n := 0
		for i := range logs {
			for _, line := range strings.Split(logs[i].String(), "\n") {
				if strings.Contains(line, `msg="periodic job ran"`) && strings.Contains(line, "job="+job) {
					n++
				}
			}
		}
		return n
	}
	for job, want := range map[string]int{"audit-retention": 2, "session-purge": 7, "limits-purge": 7} {
		if n := count(job); n != want {
			t.Errorf("%s ran %d times across both processes, want %d", job, n, want)
		}
	}
	if strings.Contains(logs[0].String()+logs[1].String(), "level=ERROR") {
		t.Errorf("a job failed:\n%s\n%s", &logs[0], &logs[1])
	}
}
