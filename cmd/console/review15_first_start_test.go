package main

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// Two console processes deployed together on a new PostgreSQL database (two
// replicas of a first rollout) both find it without a tenant: the first
// start must create one tenant and one administrator, and neither process
// may fail to start because the other created them first.
func TestReview15_FirstStartOfTwoProcessesTogether(t *testing.T) {
	testdb.NeedPostgres(t)
	t.Setenv("CONSOLE_ADMIN_PASSWORD", "a long enough passphrase")
	ctx := context.Background()
	db := storetest.DB(t)
	var stores [2]*store.Store
	for i := range stores {
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		stores[i] = st
	}
	var wg sync.WaitGroup
	var errs [2]error
	start := make(chan struct{})
	for i, st := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = firstStart(ctx, st, &bytes.Buffer{})
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d did not start: %v", i, err)
		}
	}
	if n, err := stores[0].TenantCount(ctx); err != nil || n != 1 {
		t.Errorf("tenants after the first start = %d (%v), want 1", n, err)
	}
}
