package main

import (
	"context"
	"testing"
	"time"
)

// TestPolicySweepIsAPeriodicJob: the sweep runs as "policy-sweep" every 10
// minutes under the periodic lease, and only when there is a sweep to run.
func TestPolicySweepIsAPeriodicJob(t *testing.T) {
	ran := 0
	jobs := periodicJobs(nil, time.Hour, time.Hour, func(context.Context, time.Time) error { ran++; return nil })
	found := false
	for _, j := range jobs {
		if j.Name == "policy-sweep" {
			found = true
			if j.Period != 10*time.Minute {
				t.Errorf("policy-sweep every %v, want 10 minutes", j.Period)
			}
			if err := j.Run(context.Background()); err != nil || ran != 1 {
				t.Errorf("policy-sweep ran the sweep %d times (%v)", ran, err)
			}
		}
	}
	if !found {
		t.Fatal("no policy-sweep job")
	}
	for _, j := range periodicJobs(nil, time.Hour, time.Hour, nil) {
		if j.Name == "policy-sweep" {
			t.Fatal("a policy-sweep job without a sweep")
		}
	}
}
