package ops_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// slowLinks makes invitation links, holding the first call until released.
type slowLinks struct {
	once    sync.Once
	entered chan struct{}
	release chan struct{}
}

func (l *slowLinks) Link(context.Context, ops.Principal, store.Account, string) (store.Link, error) {
	if l.release != nil {
		l.once.Do(func() { close(l.entered); <-l.release })
	}
	b := make([]byte, 32)
	rand.Read(b)
	return store.Link{Purpose: "invite", Hash: hex.EncodeToString(b), ExpiresAt: time.Now().Add(time.Hour),
		Mail: store.Mail{To: "x@acme.test", Subject: "invite", Kind: "invitation", Text: "b"}}, nil
}
func (*slowLinks) Queued() {}

func (w *acme) pending(login string) store.Account {
	w.t.Helper()
	a, err := w.st.CreateAccount(context.Background(), store.Actor{TenantID: w.tenant.ID}, store.NewAccount{Profile: store.Profile{FirstName: login,
		LastName: "P", Email: login + "@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: login, Status: "pending", AuthMethod: "password", RoleIDs: []int64{w.roles["member"]}})
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

// R1: a worker whose lease passes while its batch still runs keeps going;

// A worker whose lease runs out while its batch still runs loses its items
// to another worker: each is done once, by the claim that holds it (an
// invitation resent twice would cancel the first link).
func TestJobItemIsDoneOnceWhenALeaseRunsOut(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	now := time.Now()
	var mu sync.Mutex
	w.st.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	slow := &slowLinks{entered: make(chan struct{}), release: make(chan struct{})}
	a := ops.New(w.st, auth.NewHasher(time.Minute), slow, nil)
	b := ops.New(w.st, auth.NewHasher(time.Minute), &slowLinks{}, nil)
	boss := w.person("boss", "standard", "user_manager", "member")
	var ids []int64
	for _, l := range []string{"p1", "p2", "p3", "p4"} {
		ids = append(ids, w.pending(l).ID)
	}
	if _, err := a.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "resend_invitation", IDs: ids}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { _, err := a.WorkJobs(ctx, 50, time.Minute); done <- err }()
	<-slow.entered // worker A holds the 4 items, busy on the first
	mu.Lock()
	now = now.Add(2 * time.Minute) // its lease passes
	mu.Unlock()
	if _, err := b.WorkJobs(ctx, 50, time.Minute); err != nil {
		t.Fatal(err)
	}
	close(slow.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for id, n := range w.eventsOf(store.ActionUserInvitationResend) {
		if n != 1 {
			t.Errorf("account %d: %d invitations resent by one job, want 1", id, n)
		}
	}
}

// A bulk action of a tenant deactivated meanwhile changes nobody.
func TestJobStopsInADeactivatedTenant(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	child, err := w.st.CreateTenant(ctx, "Child", "child", w.tenant.ID, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	roles, _ := w.st.Roles(ctx, child.ID)
	var um int64
	for _, r := range roles {
		if r.BuiltinKey == "user_manager" {
			um = r.ID
		}
	}
	mk := func(login string) store.Account {
		a, err := w.st.CreateAccount(ctx, store.Actor{TenantID: child.ID}, store.NewAccount{Profile: store.Profile{FirstName: login,
			LastName: "C", Email: login + "@child.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: login, Status: "active", AuthMethod: "password", PasswordHash: "x", RoleIDs: []int64{um}})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	boss, v1, v2 := mk("cboss"), mk("cv1"), mk("cv2")
	mk("cboss2")
	j, err := w.ops.StartJob(ctx, ops.Principal{TenantID: child.ID, HomeTenantID: child.ID, AccountID: boss.ID}, ops.JobSpec{Action: "deactivate", IDs: []int64{v1.ID, v2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.SetTenantStatus(ctx, store.Actor{TenantID: w.tenant.ID}, child.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
	drain(t, w.ops, 50)
	j, _ = w.st.Job(ctx, child.ID, j.ID)
	if j.Done != 0 {
		t.Errorf("job in a deactivated tenant changed %d accounts (status %s)", j.Done, j.Status)
	}
}

// A tenant has at most store.MaxOpenJobs bulk actions open at once.
func TestJobsOpenPerTenantAreBounded(t *testing.T) {
	w := newAcme(t)
	ctx := context.Background()
	boss := w.person("boss", "standard", "user_manager", "member")
	ids := w.people("p", 2)
	for range store.MaxOpenJobs {
		if _, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "deactivate", IDs: ids}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "deactivate", IDs: ids})
	wantRefused(t, err, ops.Conflict)
	drain(t, w.ops, 50)
	if _, err := w.ops.StartJob(ctx, w.as(boss), ops.JobSpec{Action: "activate", IDs: ids}); err != nil {
		t.Fatalf("once the others ended: %v", err)
	}
}
