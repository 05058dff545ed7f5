package ops_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// people creates n active Standard people p000… holding the Member role.
func (w *acme) people(prefix string, n int) []int64 {
	w.t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = w.person(fmt.Sprintf("%s%03d", prefix, i), "standard", "member").ID
	}
	return ids
}

// drain runs the job worker until it has nothing left to do.
func drain(t *testing.T, o *ops.Ops, batch int) int {
	t.Helper()
	total := 0
	for {
		n, err := o.WorkJobs(context.Background(), batch, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return total
		}
		total += n
	}
}

// outcomes reads a job's items by account.
func (w *acme) outcomes(jobID int64) map[int64]store.JobItem {
	w.t.Helper()
	items, err := w.st.JobItems(context.Background(), jobID, 0, 0)
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[int64]store.JobItem{}
	for _, it := range items {
		out[it.AccountID] = it
	}
	return out
}

// eventsOf counts the audit events of action about each account.
func (w *acme) eventsOf(action store.Action) map[int64]int {
	w.t.Helper()
	evs, err := w.st.AuditEvents(context.Background(), w.tenant.ID, store.AuditFilter{Action: string(action), Limit: 100000})
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[int64]int{}
	for _, e := range evs {
		out[e.TargetID]++
	}
	return out
}

func TestJobDeactivatesEachAccountOnceWithItsAuditEvent(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "member")
	ids := w.people("p", 30)
	j, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "deactivate", IDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if j.Total != 30 || j.Status != "queued" {
		t.Fatalf("job %+v, want 30 queued items", j)
	}
	if n := drain(t, w.ops, 7); n != 30 {
		t.Fatalf("worker ran %d items, want 30", n)
	}
	j, _ = w.st.Job(ctx, w.tenant.ID, j.ID)
	if j.Status != "done" || j.Done != 30 || j.Skipped+j.Failed != 0 {
		t.Fatalf("job after the run %+v, want done with 30 done", j)
	}
	events := w.eventsOf(store.ActionUserDeactivate)
	for _, id := range ids {
		if got := w.fresh(store.Account{ID: id, TenantID: w.tenant.ID}).Status; got != "deactivated" {
			t.Errorf("account %d is %s, want deactivated", id, got)
		}
		if events[id] != 1 {
			t.Errorf("account %d has %d deactivation events, want 1", id, events[id])
		}
	}
	evs, _ := w.st.AuditEvents(ctx, w.tenant.ID, store.AuditFilter{Action: string(store.ActionUserDeactivate), Limit: 1})
	if len(evs) != 1 || fmt.Sprint(evs[0].Details["job_id"]) != fmt.Sprint(j.ID) {
		t.Errorf("an item's audit event does not name its job: %v", evs)
	}
	if f := w.eventsOf(store.ActionJobFinish); f[j.ID] != 1 {
		t.Errorf("job.finish events %v, want one for job %d", f, j.ID)
	}
}

// A worker that dies leaves its claimed items leased: another worker takes
// them once the lease has passed, and an item whose change committed is not
// done again.
func TestJobResumesAfterAWorkerDies(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	now := time.Now()
	w.st.SetClock(func() time.Time { return now })
	boss := w.person("boss", "standard", "user_manager", "member")
	ids := w.people("p", 20)
	j, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "deactivate", IDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	// The dead worker claimed ten items and committed the change of the
	// first before dying, without recording anything else.
	claimed, err := w.st.ClaimJobItems(ctx, j.ID, 10, time.Minute)
	if err != nil || len(claimed) != 10 {
		t.Fatalf("claim: %v %v", len(claimed), err)
	}
	first := claimed[0]
	if _, err := w.ops.SetStatus(store.WithJobItem(ctx, first), w.as(boss), first.AccountID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	// A live worker does the ten items nobody holds.
	if n := drain(t, w.ops, 50); n != 10 {
		t.Fatalf("with ten items leased the worker ran %d, want 10", n)
	}
	if j, _ = w.st.Job(ctx, w.tenant.ID, j.ID); j.Status != "running" {
		t.Fatalf("job is %s with leased items left, want running", j.Status)
	}
	now = now.Add(2 * time.Minute) // the dead worker's lease passes
	if n := drain(t, w.ops, 50); n != 9 {
		t.Fatalf("after the lease the worker ran %d items, want the 9 not done", n)
	}
	j, _ = w.st.Job(ctx, w.tenant.ID, j.ID)
	if j.Status != "done" || j.Done != 20 {
		t.Fatalf("job %+v, want done with 20 done", j)
	}
	for id, n := range w.eventsOf(store.ActionUserDeactivate) {
		if n != 1 {
			t.Errorf("account %d deactivated %d times, want once", id, n)
		}
	}
}

// Two workers (two processes' stores over one database) share a job: every
// item is done once.
func TestTwoWorkersShareOneJob(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	other, err := store.Open(ctx, w.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	second := ops.New(other, auth.NewHasher(time.Minute), noLinks{}, nil)
	boss := w.person("boss", "standard", "user_manager", "member")
	ids := w.people("p", 60)
	j, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "add_role", Params: ops.JobParams{RoleID: w.roles["user_manager"]}, IDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	ran := make([]int, 2)
	for i, o := range []*ops.Ops{w.ops, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n, err := o.WorkJobs(ctx, 5, time.Minute)
				if store.Transient(err) {
					continue // RunJobs tries again too: the other worker held the database
				}
				if err != nil {
					t.Error(err)
					return
				}
				if n == 0 {
					return
				}
				ran[i] += n
			}
		}()
	}
	wg.Wait()
	if ran[0]+ran[1] != 60 {
		t.Fatalf("the workers ran %v items, want 60 in all", ran)
	}
	j, _ = w.st.Job(ctx, w.tenant.ID, j.ID)
	if j.Status != "done" || j.Done != 60 {
		t.Fatalf("job %+v, want done with 60 done", j)
	}
	for _, id := range ids {
		if n := w.eventsOf(store.ActionUserRoles)[id]; n != 1 {
			t.Fatalf("account %d had its roles changed %d times, want once", id, n)
		}
	}
}

func TestCancelledJobStopsAndSaysSo(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "member")
	ids := w.people("p", 40)
	j, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "deactivate", IDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := w.ops.WorkJobs(ctx, 10, time.Minute); err != nil || n != 10 {
		t.Fatalf("first batch: %d %v", n, err)
	}
	member := w.person("member", "standard", "member")
	if _, err := w.ops.CancelJob(ctx, w.as(member), j.ID); err == nil {
		t.Fatal("a Member cancelled a bulk deactivation")
	}
	if j, err = w.ops.CancelJob(ctx, w.as(boss), j.ID); err != nil {
		t.Fatal(err)
	}
	if n := drain(t, w.ops, 10); n != 0 {
		t.Fatalf("the worker ran %d items of a cancelled job", n)
	}
	j, _ = w.st.Job(ctx, w.tenant.ID, j.ID)
	if j.Status != "cancelled" || j.Done != 10 || j.Skipped != 30 {
		t.Fatalf("cancelled job %+v, want 10 done and 30 skipped", j)
	}
	left := 0
	for _, it := range w.outcomes(j.ID) {
		if it.Reason == "job_reason_cancelled" {
			left++
		}
	}
	if left != 30 {
		t.Fatalf("%d items say cancelled, want 30", left)
	}
}
