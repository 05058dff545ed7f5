package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestClaimMailOnceAcrossProcesses: two processes claiming the outbox at
// once take each due email exactly once; an email claimed but never
// reported (its sender died) is due again once the lease has passed, and
// a sent one never.
func TestClaimMailOnceAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	st := twoStores(t, &now)
	acme, _ := newTenant(t, st[0], "acme", 0)
	const n = 30
	var mails []store.Mail
	for i := range n {
		mails = append(mails, store.Mail{TenantID: acme.ID, Kind: "test", To: fmt.Sprintf("p%d@example.test", i), Subject: "s"})
	}
	if err := st[0].Enqueue(ctx, nil, mails...); err != nil {
		t.Fatal(err)
	}
	const lease = 5 * time.Minute
	var mu sync.Mutex
	claimed := map[int64]int{}
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			for {
				got, err := st[i%2].ClaimMail(ctx, 3, lease)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					claimed[m.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(claimed) != n {
		t.Fatalf("%d emails claimed, want %d", len(claimed), n)
	}
	var ids []int64
	for id, times := range claimed {
		if times != 1 {
			t.Errorf("email %d claimed %d times", id, times)
		}
		ids = append(ids, id)
	}
	// One email was sent; the others' senders died.
	if err := st[1].MailSent(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	now = now.Add(lease - time.Second)
	if got, _ := st[0].ClaimMail(ctx, n, lease); len(got) != 0 {
		t.Fatalf("%d emails claimed again within the lease", len(got))
	}
	now = now.Add(time.Second)
	got, err := st[1].ClaimMail(ctx, n, lease)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n-1 {
		t.Fatalf("%d emails due after the lease, want %d (all but the sent one)", len(got), n-1)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].ID > got[i].ID {
			t.Fatalf("claimed out of order: %d before %d", got[i-1].ID, got[i].ID)
		}
	}
	for _, m := range got {
		if m.ID == ids[0] {
			t.Fatal("the sent email is due again")
		}
	}
}
