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

// TestBusyItemIsTriedAgain: an item whose change meets a database held by
// another process past the busy timeout is a delay, not a failure: it is
// given back, the next round does it, and the job ends with it done.
// (SQLite only: PostgreSQL writers of other trees do not wait on each other,
// and a lost race is run again inside the transaction.)
func TestBusyItemIsTriedAgain(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DB(t)
	if store.IsPostgres(dsn) {
		t.Skip("a SQLite writer's lock")
	}
	st, tn, ids, mk := acmeWorld(t, dsn)
	mk("admin", "standard", ids["tenant_admin"])
	boss := mk("boss", "standard", ids["user_manager"])
	a, b := mk("a", "standard"), mk("b", "standard")
	o := New(st, auth.NewHasher(time.Minute), nil, nil)
	j, err := o.StartJob(ctx, Principal{TenantID: tn.ID, AccountID: boss.ID}, JobSpec{Action: "deactivate", IDs: []int64{a.ID, b.ID}})
	if err != nil {
		t.Fatal(err)
	}

	// Another process takes SQLite's write lock just as the first item runs,
	// and holds it past this store's (shortened) busy timeout.
	other, err := sql.Open("sqlite", "file:"+dsn+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := st.SetBusyTimeout(ctx, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	real := jobActions["deactivate"]
	t.Cleanup(func() { jobActions["deactivate"] = real })
	busy := 0
	act := real
	act.run = func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
		if busy > 0 {
			return real.run(ctx, o, p, id, params)
		}
		lock, err := other.BeginTx(ctx, nil)
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
	}
	jobActions["deactivate"] = act

	// The busy item waits a while before it is claimed again.
	now := time.Now()
	for i := range 3 {
		st.SetClock(func() time.Time { return now.Add(time.Duration(i) * time.Minute) })
		if _, err := o.WorkJobs(ctx, 10, time.Minute); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if got, _ := st.Job(ctx, tn.ID, j.ID); got.Done != 1 || got.Status == "done" {
				t.Fatalf("after the busy round: %+v, want one done and the busy one waiting", got)
			}
		}
	}
	got, err := st.Job(ctx, tn.ID, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if busy != 1 || got.Status != "done" || got.Done != 2 || got.Failed != 0 {
		t.Fatalf("busy %d times; job %+v, want done with both people deactivated and none failed", busy, got)
	}
	for _, x := range []store.Account{a, b} {
		if acc, _ := st.Account(ctx, tn.ID, x.ID); acc.Status != "deactivated" {
			t.Errorf("%s is %s, want deactivated", x.Login, acc.Status)
		}
	}
}

// An item that finds the database busy on every try fails after a few,
// said so, and its job ends instead of staying open for good.
func TestItemBusyTooOftenFails(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DB(t)
	if store.IsPostgres(dsn) {
		t.Skip("a SQLite writer's lock")
	}
	st, tn, ids, mk := acmeWorld(t, dsn)
	mk("admin", "standard", ids["tenant_admin"])
	boss := mk("boss", "standard", ids["user_manager"])
	a := mk("a", "standard")
	o := New(st, auth.NewHasher(time.Minute), nil, nil)
	j, err := o.StartJob(ctx, Principal{TenantID: tn.ID, AccountID: boss.ID}, JobSpec{Action: "deactivate", IDs: []int64{a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	// a real busy error, from a write under another connection's lock
	other, err := sql.Open("sqlite", "file:"+dsn+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := st.SetBusyTimeout(ctx, 20*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	lock, err := other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, busy := st.SetStatus(ctx, store.Actor{TenantID: tn.ID}, a.ID, "deactivated")
	_ = lock.Rollback()
	if !store.Transient(busy) {
		t.Fatalf("under the lock: %v, want busy", busy)
	}
	real := jobActions["deactivate"]
	t.Cleanup(func() { jobActions["deactivate"] = real })
	act := real
	tries := 0
	act.run = func(context.Context, *Ops, Principal, int64, JobParams) error { tries++; return busy }
	jobActions["deactivate"] = act
	now := time.Now()
	for i := range jobBusyTries + 2 {
		st.SetClock(func() time.Time { return now.Add(time.Duration(i) * time.Minute) })
		if _, err := o.WorkJobs(ctx, 10, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := st.Job(ctx, tn.ID, j.ID)
	items, _ := st.JobItems(ctx, j.ID, 0, 0)
	if tries != jobBusyTries || got.Status != "done" || got.Failed != 1 || items[0].Reason != "job_reason_busy" {
		t.Fatalf("%d tries; job %+v, items %+v: want %d tries, then failed as busy", tries, got, items, jobBusyTries)
	}
}
