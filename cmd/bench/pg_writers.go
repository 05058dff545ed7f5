package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// writers is how many write at once in the parallel leg, each in its own tenant.
const writers = 8

// writeStats is one leg of the writers measurement, summed over rounds.
type writeStats struct {
	ops, errors int
	elapsed     time.Duration
	rollbacks   int64 // transactions PostgreSQL rolled back in the leg (warm-up included): serialization retries, and errors
	firstErr    error
}

func (w writeStats) perSecond() float64 {
	if w.elapsed <= 0 {
		return 0
	}
	return float64(w.ops) / w.elapsed.Seconds()
}

// retries is what PostgreSQL rolled back beyond the failed operations: the
// store runs a transaction that lost a serialization race again.
func (w writeStats) retries() int64 { return max(0, w.rollbacks-int64(w.errors)) }

func (w *writeStats) add(x writeStats) {
	w.ops, w.errors, w.elapsed, w.rollbacks = w.ops+x.ops, w.errors+x.errors, w.elapsed+x.elapsed, w.rollbacks+x.rollbacks
	if w.firstErr == nil {
		w.firstErr = x.firstErr
	}
}

// writersResult is one database's measurement: one writer against eight.
type writersResult struct {
	one, many writeStats
}

// writerTenant is a root tenant with its Admin, who creates the people.
type writerTenant struct {
	admin ops.Principal
	role  int64 // a role every new person gets, so the write sets roles too
}

// measureWriters creates people through ops.CreateUser (the form's checks,
// the grant check, the tree-wide email check, the account, its role, its
// search rows and the audit event, in one transaction) by one writer, then by
// eight at once, each in its own tenant tree, for the same time. Every leg
// opens a fresh store, so PostgreSQL's count of rollbacks can be read once
// its connections are gone (pg is nil on SQLite).
func measureWriters(ctx context.Context, cfg config, db string, pg *pgServer) (writersResult, error) {
	var r writersResult
	tenants, err := writerTenants(ctx, db)
	if err != nil {
		return r, err
	}
	var seq atomic.Int64 // logins and emails are unique across the run
	for round := range cfg.load.rounds {
		order := []int{1, writers}
		if round%2 == 1 {
			order = []int{writers, 1}
		}
		for _, n := range order {
			s, err := writeLeg(ctx, cfg, db, pg, tenants[:n], &seq)
			if err != nil {
				return r, err
			}
			fmt.Printf("  round %d  writers %-2d %-10s %7.0f writes/s  errors %d  rolled back %d\n", round+1, n,
				kindOf(db), s.perSecond(), s.errors, s.rollbacks)
			if n == 1 {
				r.one.add(s)
			} else {
				r.many.add(s)
			}
		}
	}
	return r, nil
}

func kindOf(db string) string {
	if store.IsPostgres(db) {
		return "PostgreSQL"
	}
	return "SQLite"
}

// writerTenants makes the eight tenant trees, each with its Admin.
func writerTenants(ctx context.Context, db string) ([]writerTenant, error) {
	st, err := store.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var out []writerTenant
	for i := range writers {
		slug := fmt.Sprintf("writer%d", i+1)
		t, err := st.CreateTenant(ctx, slug, slug, 0, auth.BuiltinRoles())
		if err != nil {
			return nil, err
		}
		a, err := st.CreateAccount(ctx, store.Actor{TenantID: t.ID}, store.NewAccount{Profile: store.Profile{FirstName: "Writer",
			LastName: slug, Email: slug + "@bench.example", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "admin"},
			Login: slug, Status: "active", AuthMethod: "sso"})
		if err != nil {
			return nil, err
		}
		roles, err := st.Roles(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		wt := writerTenant{admin: ops.Principal{TenantID: t.ID, HomeTenantID: t.ID, AccountID: a.ID, IP: "192.0.2.1"}}
		for _, r := range roles {
			if r.BuiltinKey == "auditor" {
				wt.role = r.ID
			}
		}
		if wt.role == 0 {
			return nil, fmt.Errorf("tenant %s has no auditor role", slug)
		}
		out = append(out, wt)
	}
	return out, nil
}

// writeLeg runs one writer per tenant for the measurement's duration, after
// a few untimed writes each.
func writeLeg(ctx context.Context, cfg config, db string, pg *pgServer, tenants []writerTenant, seq *atomic.Int64) (writeStats, error) {
	var s writeStats
	var before int64
	if pg != nil {
		var err error
		if before, err = pg.rollbacks(ctx, dbName(db)); err != nil {
			return s, err
		}
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return s, err
	}
	o := ops.New(st, nil, nil, nil)
	warm := max(1, cfg.load.warmup/writers)
	var mu sync.Mutex
	var warmed, wg sync.WaitGroup
	var start time.Time
	var deadline atomic.Int64 // unix nanoseconds; set once every writer has warmed up
	begin := make(chan struct{})
	for _, t := range tenants {
		wg.Add(1)
		warmed.Add(1)
		go func() {
			defer wg.Done()
			var done, failed int // failures of the warm-up count too: none may fail
			var first error
			for range warm {
				if _, err := createPerson(ctx, o, t, seq); err != nil {
					failed++
					first = firstErr(first, err)
				}
			}
			warmed.Done()
			<-begin
			for time.Now().UnixNano() < deadline.Load() && ctx.Err() == nil {
				if _, err := createPerson(ctx, o, t, seq); err != nil {
					failed++
					first = firstErr(first, err)
					continue
				}
				done++
			}
			mu.Lock()
			s.ops, s.errors, s.firstErr = s.ops+done, s.errors+failed, firstErr(s.firstErr, first)
			mu.Unlock()
		}()
	}
	warmed.Wait()
	start = time.Now()
	deadline.Store(start.Add(cfg.load.duration).UnixNano())
	close(begin)
	wg.Wait()
	s.elapsed = time.Since(start)
	st.Close()
	if pg != nil {
		after, err := pg.rollbacks(ctx, dbName(db))
		if err != nil {
			return s, err
		}
		s.rollbacks = after - before
	}
	return s, ctx.Err()
}

// createPerson is the write measured: an Admin creating a person with a role.
func createPerson(ctx context.Context, o *ops.Ops, t writerTenant, seq *atomic.Int64) (store.Account, error) {
	n := seq.Add(1)
	login := fmt.Sprintf("person%07d", n)
	return o.CreateUser(ctx, t.admin, form.User{Login: login, FirstName: "Pat", LastName: fmt.Sprintf("Writer %d", n),
		Email: login + "@bench.example", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard",
		AuthMethod: "sso", Status: "active", RoleIDs: []int64{t.role}})
}
