package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

var jobsOnly = flag.Bool("jobs-only", false, "measure only a bulk role grant (the job runner)")

// jobSizes are the tenants a bulk role grant is measured on: the issue's
// 100,000 people and a tenth of it for the memory ratio.
var jobSizes = []int{10_000, 100_000}

type noLinks struct{}

func (noLinks) Link(context.Context, ops.Principal, store.Account, string) (store.Link, error) {
	return store.Link{}, fmt.Errorf("bench: no links")
}
func (noLinks) Queued() {}

// jobsBench measures a bulk role grant in process: an Admin gives Project
// Manager to every person of the tenant (chosen by the users table's
// filter, frozen, then run item by item through the operations, each in
// its own transaction with its audit event), as the background worker
// does; items per second and the peak Go heap, 100,000 against 10,000.
func jobsBench(ctx context.Context, dir string, out io.Writer) error {
	fmt.Fprintln(out, "Bulk role grant (job runner, SQLite, one worker):")
	type measure struct {
		n          int
		start, run time.Duration
		peak       uint64
	}
	var ms []measure
	for _, n := range jobSizes {
		st, tenantID, err := seedReportDB(ctx, filepath.Join(dir, fmt.Sprintf("jobs-%d.db", n)), n)
		if err != nil {
			return err
		}
		admin, err := st.CreateAccount(ctx, store.Actor{TenantID: tenantID}, store.NewAccount{Profile: store.Profile{FirstName: "Bench",
			LastName: "Admin", Email: "admin@bench.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "admin"},
			Login: "admin", Status: "active", AuthMethod: "password", PasswordHash: "x"})
		if err != nil {
			st.Close()
			return err
		}
		roles, _ := st.Roles(ctx, tenantID)
		var pm int64
		for _, r := range roles {
			if r.BuiltinKey == "project_manager" {
				pm = r.ID
			}
		}
		o := ops.New(st, auth.NewHasher(time.Minute), noLinks{}, nil)
		p := ops.Principal{TenantID: tenantID, HomeTenantID: tenantID, AccountID: admin.ID, IP: "bench"}
		m := measure{n: n}
		var j store.Job
		var werr error
		m.start, _ = withPeakHeap(func() {
			j, werr = o.StartJob(ctx, p, ops.JobSpec{Action: "add_role", Params: ops.JobParams{RoleID: pm},
				Filter: &store.UserFilter{Query: "person", IncludeNoRole: true}})
		})
		if werr != nil {
			st.Close()
			return werr
		}
		m.run, m.peak = withPeakHeap(func() {
			for {
				k, err := o.WorkJobs(ctx, 50, time.Minute)
				if err != nil || k == 0 {
					werr = err
					return
				}
			}
		})
		if werr == nil {
			j, werr = st.Job(ctx, tenantID, j.ID)
		}
		st.Close()
		if werr != nil {
			return werr
		}
		if j.Done != n {
			return fmt.Errorf("bulk grant did %d of %d (skipped %d, failed %d)", j.Done, n, j.Skipped, j.Failed)
		}
		fmt.Fprintf(out, "  %s people: froze the list in %s, ran in %s: %.0f items/s, peak heap %.1f MB\n", short(n),
			m.start.Round(time.Millisecond), m.run.Round(time.Millisecond), float64(n)/m.run.Seconds(), mb(m.peak))
		ms = append(ms, m)
	}
	small, big := ms[0], ms[len(ms)-1]
	rate := func(m measure) float64 { return float64(m.n) / m.run.Seconds() }
	fmt.Fprintf(out, "  items/s %s / %s: %.2fx (flat: 1.0x)\n", short(big.n), short(small.n), rate(big)/rate(small))
	verdict := "ok"
	if float64(big.peak) > 1.2*float64(small.peak) {
		verdict = "OVER"
	}
	fmt.Fprintf(out, "  peak heap %s / %s: %.2fx (bound 1.2x) %s\n", short(big.n), short(small.n), float64(big.peak)/float64(small.peak), verdict)
	return nil
}
