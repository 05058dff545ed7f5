package ops

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// busyJob is a queued job deactivating n people of a SQLite tenant, over a
// store whose busy timeout is short, and other: a second connection (as
// another process) that can take the write lock. These tests are SQLite's
// only: the busy timeout is SQLite's, PostgreSQL writers of other trees do
// not wait on each other and run a lost race again inside the transaction,
// so under CONSOLE_TEST_DB they stand aside and run in CI's SQLite pass.
type busyJob struct {
	st     *store.Store
	tn     store.Tenant
	o      *Ops
	job    store.Job
	people []store.Account
	other  *sql.DB
}

func newBusyJob(t *testing.T, n int) *busyJob {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DB(t)
	if store.IsPostgres(dsn) {
		t.Skip("SQLite's busy timeout; this test runs in the SQLite pass")
	}
	st, tn, ids, mk := acmeWorld(t, dsn)
	mk("admin", "standard", ids["tenant_admin"])
	boss := mk("boss", "standard", ids["user_manager"])
	w := &busyJob{st: st, tn: tn, o: New(st, auth.NewHasher(time.Minute), nil, nil)}
	var people []int64
	for i := range n {
		a := mk(string(rune('a'+i)), "standard")
		w.people, people = append(w.people, a), append(people, a.ID)
	}
	j, err := w.o.StartJob(ctx, Principal{TenantID: tn.ID, AccountID: boss.ID}, JobSpec{Action: "deactivate", IDs: people})
	if err != nil {
		t.Fatal(err)
	}
	w.job = j
	if w.other, err = sql.Open("sqlite", "file:"+dsn+"?_txlock=immediate"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.other.Close() })
	if err := st.SetBusyTimeout(ctx, 30*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	return w
}

// deactivateRuns makes the deactivate action run as run does (given the
// real one) for the rest of the test.
func deactivateRuns(t *testing.T, run func(real jobAction, ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error) {
	real := jobActions["deactivate"]
	t.Cleanup(func() { jobActions["deactivate"] = real })
	act := real
	act.run = func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
		return run(real, ctx, o, p, id, params)
	}
	jobActions["deactivate"] = act
}

// rounds runs the worker n times, a minute apart on the store's clock (a
// busy item waits a while before it is claimed again); after is called
// after each.
func (w *busyJob) rounds(t *testing.T, n int, after func(i int)) {
	t.Helper()
	now := time.Now()
	for i := range n {
		w.st.SetClock(func() time.Time { return now.Add(time.Duration(i) * time.Minute) })
		if _, err := w.o.WorkJobs(context.Background(), 10, time.Minute); err != nil {
			t.Fatal(err)
		}
		after(i)
	}
}

// TestBusyItemIsTriedAgain: an item whose change meets a database held by
// another process past the busy timeout is a delay, not a failure: it is
// given back, a later round does it, and the job ends with it done.
func TestBusyItemIsTriedAgain(t *testing.T) {
	ctx := context.Background()
	w := newBusyJob(t, 2)
	busy := 0
	// Another process takes SQLite's write lock just as the first item
	// runs, and holds it past this store's busy timeout.
	deactivateRuns(t, func(real jobAction, ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
		if busy > 0 {
			return real.run(ctx, o, p, id, params)
		}
		lock, err := w.other.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Rollback()
		busy++
		err = real.run(ctx, o, p, id, params)
		if !store.Transient(err) {
			t.Fatalf("the change under another process's lock: %v, want the database busy", err)
		}
		return err
	})
	w.rounds(t, 3, func(i int) {
		if got, _ := w.st.Job(ctx, w.tn.ID, w.job.ID); i == 0 && (got.Done != 1 || got.Status == "done") {
			t.Fatalf("after the busy round: %+v, want one done and the busy one waiting", got)
		}
	})
	got, err := w.st.Job(ctx, w.tn.ID, w.job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if busy != 1 || got.Status != "done" || got.Done != 2 || got.Failed != 0 {
		t.Fatalf("busy %d times; job %+v, want done with both people deactivated and none failed", busy, got)
	}
	for _, x := range w.people {
		if acc, _ := w.st.Account(ctx, w.tn.ID, x.ID); acc.Status != "deactivated" {
			t.Errorf("%s is %s, want deactivated", x.Login, acc.Status)
		}
	}
}

// An item that finds the database busy on every try fails after a few,
// said so, and its job ends instead of staying open for good.
func TestItemBusyTooOftenFails(t *testing.T) {
	ctx := context.Background()
	w := newBusyJob(t, 1)
	// a real busy error, from a write under the other connection's lock
	lock, err := w.other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, busy := w.st.SetStatus(ctx, store.Actor{TenantID: w.tn.ID}, w.people[0].ID, "deactivated")
	_ = lock.Rollback()
	if !store.Transient(busy) {
		t.Fatalf("under the lock: %v, want busy", busy)
	}
	tries := 0
	deactivateRuns(t, func(jobAction, context.Context, *Ops, Principal, int64, JobParams) error { tries++; return busy })
	w.rounds(t, jobBusyTries+2, func(int) {})
	got, _ := w.st.Job(ctx, w.tn.ID, w.job.ID)
	items, _ := w.st.JobItems(ctx, w.job.ID, 0, 0)
	if tries != jobBusyTries || got.Status != "done" || got.Failed != 1 || items[0].Reason != "job_reason_busy" {
		t.Fatalf("%d tries; job %+v, items %+v: want %d tries, then failed as busy", tries, got, items, jobBusyTries)
	}
}
