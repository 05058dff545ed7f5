package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/console-dev/console/store"
)

func TestSeedThenBackup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	const n = 2000
	shown := seedPaging(t, st, tn.ID, roles["member"], n)

	if got, err := st.AccountTotal(ctx, tn.ID); err != nil || got != n {
		t.Fatalf("AccountTotal = %d, %v; want %d", got, err, n)
	}
	if c, _ := st.AuditCount(ctx, "users.seed"); c != 1 {
		t.Errorf("users.seed events = %d, want 1 for the whole import", c)
	}

	f := store.UserFilter{Sort: "email", Limit: 500}
	orig := userIDsAndEmails(t, st, tn.ID, f)
	path := filepath.Join(t.TempDir(), "backup.db")
	if st.Postgres() { // pg_dump's job: the store says so
		if err := st.Backup(ctx, path); !errors.Is(err, store.ErrBackupPostgres) {
			t.Fatalf("Backup on PostgreSQL = %v, want ErrBackupPostgres", err)
		}
		return
	}
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	// The original keeps serving after a backup.
	mustCreate(t, st, tn.ID, person("after-backup", "admin", "active"))

	cp, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer cp.Close()
	if got, err := cp.AccountTotal(ctx, tn.ID); err != nil || got != n {
		t.Fatalf("backup AccountTotal = %d, %v; want %d", got, err, n)
	}
	cop := userIDsAndEmails(t, cp, tn.ID, f)
	if len(cop) != shown {
		t.Errorf("backup lists %d users, want %d", len(cop), shown)
	}
	if !slices.Equal(orig, cop) {
		t.Errorf("backup's users differ from the original's")
	}
	// Search terms and roles came along too.
	q := store.UserFilter{Query: "obrien", Sort: "email", Limit: 500}
	if a, b := userIDsAndEmails(t, st, tn.ID, q), userIDsAndEmails(t, cp, tn.ID, q); len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("search in the backup finds %d users, the original %d", len(b), len(a))
	}
	if _, err := cp.AccountByEmail(ctx, tn.ID, "after-backup@example.test"); err == nil {
		t.Errorf("backup holds an account created after it was taken")
	}
}

func userIDsAndEmails(t *testing.T, st *store.Store, tenantID int64, f store.UserFilter) []string {
	t.Helper()
	var out []string
	for {
		p, err := st.ListUsers(context.Background(), tenantID, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Accounts {
			out = append(out, fmt.Sprint(a.ID, " ", a.Email))
		}
		if p.Next == "" {
			return out
		}
		f.After = p.Next
	}
}

func TestConcurrentCreates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	const workers, each = 20, 5

	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*each) // two calls a round, each may fail
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				n := person(fmt.Sprintf("w%02d-%d", w, i), "standard", "active", roles["member"])
				if _, err := st.CreateAccount(ctx, actor(tn.ID), n); err != nil {
					errs <- err
				}
				// Readers run alongside the writers.
				if _, err := st.ListUsers(ctx, tn.ID, store.UserFilter{Query: "w"}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got, _ := st.AccountTotal(ctx, tn.ID); got != workers*each {
		t.Errorf("accounts = %d, want %d", got, workers*each)
	}
	if got, _ := st.AuditCount(ctx, "user.create"); got != workers*each {
		t.Errorf("user.create events = %d, want %d", got, workers*each)
	}
}
