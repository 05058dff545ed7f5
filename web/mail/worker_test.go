package mail_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
	"github.com/console-dev/console/web/mail"
	"github.com/console-dev/console/web/mail/smtptest"
)

// process is one console process's delivery: its own store on the shared
// database and its own worker.
type process struct {
	st *store.Store
	w  *mail.Worker
}

func processes(t *testing.T, n int, srv *smtptest.Server, now *time.Time) []process {
	t.Helper()
	db := storetest.DB(t)
	var out []process
	for range n {
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		st.SetClock(func() time.Time { return *now })
		sender, err := mail.NewSMTP(srv.URL, "Console <console@example.test>")
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, process{st: st, w: mail.NewWorker(st, sender, slog.New(slog.NewTextHandler(io.Discard, nil)))})
	}
	return out
}

func enqueue(t *testing.T, st *store.Store, n int) {
	t.Helper()
	ctx := context.Background()
	tn, err := st.CreateTenant(ctx, "Acme", "acme", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mails []store.Mail
	for i := range n {
		mails = append(mails, store.Mail{TenantID: tn.ID, Kind: "invitation", To: fmt.Sprintf("p%02d@example.test", i),
			Subject: fmt.Sprintf("Invitation %d", i), Text: "Welcome"})
	}
	if err := st.Enqueue(ctx, nil, mails...); err != nil {
		t.Fatal(err)
	}
}

// TestTwoWorkersSendEachEmailOnce: two console processes deliver the same
// outbox at the same time; every email reaches the SMTP server exactly once.
func TestTwoWorkersSendEachEmailOnce(t *testing.T) {
	srv := smtptest.Start(t)
	now := time.Now()
	ps := processes(t, 2, srv, &now)
	const n = 24
	enqueue(t, ps[0].st, n)
	var wg sync.WaitGroup
	sent := make([]int, len(ps))
	for i, p := range ps {
		wg.Go(func() {
			var err error
			if sent[i], err = p.w.Deliver(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if sent[0]+sent[1] != n {
		t.Errorf("workers report %d + %d sent, want %d in all", sent[0], sent[1], n)
	}
	got := map[string]int{}
	for _, m := range srv.Messages() {
		got[m.To[0]]++
	}
	for i := range n {
		to := fmt.Sprintf("p%02d@example.test", i)
		if got[to] != 1 {
			t.Errorf("%s received %d emails, want 1", to, got[to])
		}
	}
	if len(srv.Messages()) != n {
		t.Errorf("%d emails arrived, want %d", len(srv.Messages()), n)
	}
}

// TestClaimedEmailOfADeadProcessIsSentAfterTheLease: a process claimed an
// email and died before sending it; the other process leaves it alone for
// the lease (the first might still be sending) and then sends it, once.
func TestClaimedEmailOfADeadProcessIsSentAfterTheLease(t *testing.T) {
	srv := smtptest.Start(t)
	now := time.Now()
	ps := processes(t, 2, srv, &now)
	enqueue(t, ps[0].st, 1)
	if got, err := ps[0].st.ClaimMail(context.Background(), 4, mail.Lease); err != nil || len(got) != 1 {
		t.Fatalf("claimed %d emails (%v), want 1", len(got), err)
	}
	// The first process is gone; the second delivers within the lease: nothing.
	now = now.Add(mail.Lease - time.Second)
	if n, err := ps[1].w.Deliver(context.Background()); err != nil || n != 0 {
		t.Fatalf("sent %d (%v) while the dead process's lease held, want 0", n, err)
	}
	now = now.Add(time.Second)
	if n, err := ps[1].w.Deliver(context.Background()); err != nil || n != 1 {
		t.Fatalf("sent %d (%v) once the lease passed, want 1", n, err)
	}
	if n, _ := ps[1].w.Deliver(context.Background()); n != 0 || len(srv.Messages()) != 1 {
		t.Fatalf("%d more sent, %d arrived; want the one email once", n, len(srv.Messages()))
	}
}
