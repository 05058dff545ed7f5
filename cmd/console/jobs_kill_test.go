package main

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

type noLinks struct{}

func (noLinks) Link(context.Context, ops.Principal, store.Account, string) (store.Link, error) {
	return store.Link{}, fmt.Errorf("no links here")
}
func (noLinks) Queued() {}

// TestBulkActionSurvivesAKilledProcess: a console process is killed (SIGKILL,
// no shutdown) in the middle of a bulk deactivation; another process started
// on the same database finishes it once the dead one's lease has passed, and
// nobody was deactivated twice or left out.
func TestBulkActionSurvivesAKilledProcess(t *testing.T) {
	ctx := context.Background()
	db := storetest.DB(t)
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tn, err := createTenantWithAdmin(ctx, st, "Acme", "boss@acme.test", "a long enough passphrase")
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	seeds := make([]store.SeedAccount, n)
	for i := range seeds {
		login := fmt.Sprintf("person%05d", i)
		seeds[i] = store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{FirstName: "Person", LastName: login,
			Email: login + "@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: login, Status: "active", AuthMethod: "password"}}
	}
	if err := st.Seed(ctx, store.Actor{TenantID: tn.ID}, seeds); err != nil {
		t.Fatal(err)
	}
	boss, err := st.AccountByLoginOrEmail(ctx, tn.ID, "boss@acme.test")
	if err != nil {
		t.Fatal(err)
	}
	o := ops.New(st, auth.NewHasher(time.Minute), noLinks{}, nil)
	j, err := o.StartJob(ctx, ops.Principal{TenantID: tn.ID, HomeTenantID: tn.ID, AccountID: boss.ID, IP: "test"},
		ops.JobSpec{Action: "deactivate", Filter: &store.UserFilter{Query: "person", IncludeNoRole: true}})
	if err != nil || j.Total != n {
		t.Fatalf("job %+v: %v", j, err)
	}
	env := []string{"CONSOLE_SECRET_KEY=" + strings.Repeat("5e", 32), "CONSOLE_JOB_LEASE=3s"}
	first := startConsole(t, db, env...)
	progress := func(until func(store.Job) bool, what string) store.Job {
		t.Helper()
		deadline := time.Now().Add(10 * time.Minute) // a loaded CI machine runs other packages alongside
		for {
			got, err := st.Job(ctx, tn.ID, j.ID)
			if err != nil {
				t.Fatal(err)
			}
			if until(got) {
				return got
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: job %+v", what, got)
			}
			time.Sleep(20 * time.Millisecond) // polling another process's progress
		}
	}
	mid := progress(func(got store.Job) bool { return got.Done > 0 }, "the first process started")
	if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.stop() // waits for the killed process to be gone (SIGTERM to it is a no-op)
	killed, _ := st.Job(ctx, tn.ID, j.ID)
	if killed.Left() == 0 {
		t.Fatalf("the job ended before the kill (%d done when seen at %d): nothing to resume", killed.Done, mid.Done)
	}
	startConsole(t, db, env...)
	done := progress(func(got store.Job) bool { return got.Status == "done" }, "the second process finished")
	if done.Done != n || done.Skipped+done.Failed != 0 {
		t.Fatalf("after the kill at %d done: %+v, want all %d done", killed.Done, done, n)
	}
	per := map[int64]int{}
	for before := int64(0); ; {
		events, err := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: string(store.ActionUserDeactivate), BeforeID: before, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(events) == 0 {
			break
		}
		for _, e := range events {
			per[e.TargetID]++
		}
		before = events[len(events)-1].ID
	}
	if len(per) != n {
		t.Errorf("%d people deactivated, want %d", len(per), n)
	}
	for id, k := range per {
		if k != 1 {
			t.Errorf("account %d deactivated %d times", id, k)
		}
	}
	t.Logf("killed at %d of %d done; the second process did the rest", killed.Done, n)
}
