package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// The PostgreSQL targets, as ratios measured in one run.
const (
	minWriters  = 1.5 // eight writers on PostgreSQL against one
	minPGvsLite = 0.5 // the users page on PostgreSQL against SQLite, same users
	minTwoVsOne = 1.6 // two console processes against one, same database
	minJudged   = 20  // requests each side must finish for a ratio to be judged
)

func pgReport(w io.Writer, cfg config, r pgResult, took time.Duration) {
	var v verdicts
	fmt.Fprintf(w, "== Console bench, PostgreSQL: %s; bench GOMAXPROCS=%d, %d workers, %d rounds of %s per measurement ==\n",
		r.about, runtime.GOMAXPROCS(0), cfg.load.workers, cfg.load.rounds, cfg.load.duration)
	fmt.Fprintf(w, "Load average before / after: %s / %s (other processes on the machine skew absolute numbers)\n\n",
		r.loadBefore, loadAverage())
	switch {
	case r.pgCopy > 0:
		fmt.Fprintf(w, "PostgreSQL filled with the SQLite database's rows (console copy, COPY then ANALYZE): %d users in %s; SQLite seed %s\n\n",
			r.users, r.pgCopy.Round(time.Millisecond), r.liteSeed.Round(time.Millisecond))
	case r.pgSeed > 0 && r.liteSeed > 0:
		fmt.Fprintf(w, "Seed %d users (console seed): PostgreSQL %s, SQLite %s (%.1f× as long); ANALYZE after seeding %s\n\n", r.users,
			r.pgSeed.Round(time.Millisecond), r.liteSeed.Round(time.Millisecond), ratio(r.pgSeed.Seconds(), r.liteSeed.Seconds()),
			r.analyze.Round(time.Millisecond))
	default:
		fmt.Fprintf(w, "Seed: databases seeded by an earlier run (-pg-seeded, -lite-seeded)\n\n")
	}
	writersTable(w, &v, r)
	pairTable(w, &v, fmt.Sprintf("Users page at %s users: PostgreSQL against SQLite (the same users: the SQLite rows copied, or seeded alike with -pg-seed; each database served through the whole console in this process)",
		short(r.users)), "PG/SQLite", minPGvsLite, r.pages)
	for _, p := range r.procs {
		title := fmt.Sprintf("Users page at %s users: two console processes on one PostgreSQL database (requests round-robin) against one, GOMAXPROCS %s each",
			short(r.users), gomaxprocsName(p.gomaxprocs))
		vv := &v
		if !p.judged {
			title += " (for comparison: one process alone may use every core here)"
			vv = nil
		}
		pairTable(w, vv, title, "two/one", minTwoVsOne, p.pairs)
	}
	summaryAs(w, "SUMMARY (PostgreSQL)", v, took)
}

func writersTable(w io.Writer, v *verdicts, r pgResult) {
	fmt.Fprintf(w, "Writers: ops.CreateUser (an Admin creates a person with a role: checks, account, role, search rows, audit event; one transaction), each writer in its own tenant tree\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "database\twrites/s 1\twrites/s %d\t%d/1\t≥%.2f\terrors\tretries 1 / %d\t\n", writers, writers, minWriters, writers)
	pg, lite := r.pgWriters, r.liteWriters
	q := ratio(pg.many.perSecond(), pg.one.perSecond())
	errs := pg.one.errors + pg.many.errors
	fmt.Fprintf(tw, "PostgreSQL\t%.0f\t%.0f\t%.2f\t%s\t%d %s\t%d / %d\t\n", pg.one.perSecond(), pg.many.perSecond(), q,
		v.check(q >= minWriters, fmt.Sprintf("PostgreSQL %d writers/1", writers)), errs,
		v.check(errs == 0, "PostgreSQL writers without errors"), pg.one.retries(), pg.many.retries())
	lq := ratio(lite.many.perSecond(), lite.one.perSecond())
	fmt.Fprintf(tw, "SQLite\t%.0f\t%.0f\t%.2f\t(for comparison)\t%d\t-\t\n", lite.one.perSecond(), lite.many.perSecond(), lq,
		lite.one.errors+lite.many.errors)
	tw.Flush()
	for _, e := range []error{pg.one.firstErr, pg.many.firstErr, lite.one.firstErr, lite.many.firstErr} {
		if e != nil {
			fmt.Fprintf(w, "  first error: %v\n", e)
		}
	}
	fmt.Fprintf(w, "  (retries: transactions PostgreSQL rolled back, warm-up included, less the failed writes; the store runs a\n")
	fmt.Fprintf(w, "  SERIALIZABLE transaction that lost a race again. SQLite has one writer connection: eight writers queue for it.)\n\n")
}

// pairTable prints one pair measurement per scenario: side a against side b,
// judged against bound unless v is nil.
func pairTable(w io.Writer, v *verdicts, title, name string, bound float64, pairs []pagePair) {
	if len(pairs) == 0 {
		return
	}
	la, lb := pairs[0].labels[0], pairs[0].labels[1]
	fmt.Fprintln(w, title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "URL\tbytes\trps %s\trps %s\t%s\t≥%.2f\tp50 / p99 %s\tp50 / p99 %s\t\n", la, lb, name, bound, la, lb)
	for _, p := range pairs {
		q := ratio(p.a.stats.rps(), p.b.stats.rps())
		verdict := "-" // shown for comparison, not judged
		few := min(p.a.stats.requests, p.b.stats.requests) < minJudged
		switch {
		case v != nil && few: // a ratio of two or three requests says nothing, so it cannot pass
			verdict = v.check(false, p.label+" "+name+" (too few requests to judge)")
		case v != nil:
			verdict = v.check(q >= bound, p.label+" "+name)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.2f\t%s\t%s\t%s\t\n", p.label, p.a.bytes, p.a.stats.rps(), p.b.stats.rps(), q,
			verdict, pair(p.a.stats), pair(p.b.stats))
	}
	tw.Flush()
	for _, p := range pairs {
		for i, st := range []stats{p.a.stats, p.b.stats} {
			if st.requests == 0 {
				fmt.Fprintf(w, "  %s, %s: no request finished within any measurement (%s in all): each took longer under this load\n",
					p.label, p.labels[i], st.elapsed.Round(time.Second))
			}
		}
	}
	fmt.Fprintln(w, "  Where the time goes (cores busy on average during each leg; PostgreSQL's parallel workers, which live for one query, count under others):")
	for _, p := range pairs {
		for i, c := range p.cpu {
			if c.names != nil {
				fmt.Fprintf(w, "    %-8s %-14s %s\n", p.slug, p.labels[i]+":", c)
			}
		}
	}
	for _, p := range pairs {
		if p.deep {
			fmt.Fprintf(w, "  %s: page %d, %s\n", p.label, p.a.pages, p.a.path)
		}
	}
	fmt.Fprintln(w)
}

// summaryAs is summary under another name: the PostgreSQL part has its own line.
func summaryAs(w io.Writer, name string, v verdicts, took time.Duration) {
	total := len(v.pass) + len(v.fail)
	if len(v.fail) == 0 {
		fmt.Fprintf(w, "%s: PASS, %d/%d targets met (PostgreSQL part took %s)\n", name, total, total, took.Round(time.Second))
		return
	}
	fmt.Fprintf(w, "%s: FAIL, %d/%d targets met (PostgreSQL part took %s); missed: %s\n", name, len(v.pass), total,
		took.Round(time.Second), strings.Join(v.fail, "; "))
}
