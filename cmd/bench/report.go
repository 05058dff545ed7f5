package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// The targets, as ratios measured in one run.
const (
	minVsBare  = 0.30 // the big page against the same bytes from a bare handler
	minVsSmall = 0.80 // the big page against the same page over the small database
)

// verdicts collects each target's outcome for the summary line.
type verdicts struct{ pass, fail []string }

func (v *verdicts) check(ok bool, what string) string {
	if ok {
		v.pass = append(v.pass, what)
		return "PASS"
	}
	v.fail = append(v.fail, what)
	return "FAIL"
}

func report(w io.Writer, cfg config, big database, results []result, apiRes apiResult, typing stats, took time.Duration, loadBefore string) {
	var v verdicts
	fmt.Fprintf(w, "== Console bench: GOMAXPROCS=%d, %d workers, %d rounds of %s per measurement ==\n",
		runtime.GOMAXPROCS(0), cfg.load.workers, cfg.load.rounds, cfg.load.duration)
	fmt.Fprintf(w, "Load average before / after: %s / %s (other processes on the machine skew absolute numbers)\n\n",
		loadBefore, loadAverage())
	limit := seedLimitFor(big.users)
	seedOK := v.check(big.seedTime < limit, fmt.Sprintf("seed %d users < %.0fs", big.users, limit.Seconds()))
	fmt.Fprintf(w, "Seed %d users: %s (limit %.0fs on 2 cores): %s\n\n", big.users, big.seedTime.Round(time.Millisecond), limit.Seconds(), seedOK)
	throughputTable(w, &v, results, cfg)
	latencyTable(w, results, cfg)
	apiTable(w, &v, apiRes, cfg)
	fmt.Fprintln(w, typingLine(&v, cfg.bigUsers, typing))
	urls(w, results, cfg)
	summary(w, v, took)
}

func throughputTable(w io.Writer, v *verdicts, results []result, cfg config) {
	b, s := short(cfg.bigUsers), short(cfg.smallUsers)
	fmt.Fprintln(w, "Throughput (requests per second, 200 responses only; bytes of the big page)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "URL\tbytes\trps %s\trps %s\tbare rps\t%s/bare\t≥%.2f\t%s/%s\t≥%.2f\t\n", b, s, b, minVsBare, b, s, minVsSmall)
	for _, r := range results {
		vsBare := ratio(r.big.stats.rps(), r.bare.rps())
		vsSmall := ratio(r.big.stats.rps(), r.small.stats.rps())
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.0f\t%.2f\t%s\t%.2f\t%s\t\n", r.label, r.big.bytes,
			r.big.stats.rps(), r.small.stats.rps(), r.bare.rps(),
			vsBare, v.check(vsBare >= minVsBare, r.label+" "+b+"/bare"),
			vsSmall, v.check(vsSmall >= minVsSmall, r.label+" "+b+"/"+s))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func latencyTable(w io.Writer, results []result, cfg config) {
	b, s := short(cfg.bigUsers), short(cfg.smallUsers)
	fmt.Fprintln(w, "Latency (p50 / p99)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "URL\t%s\t%s\tbare\trequests %s/%s/bare\t\n", b, s, b, s)
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d / %d / %d\t\n", r.label, pair(r.big.stats), pair(r.small.stats), pair(r.bare),
			r.big.stats.requests, r.small.stats.requests, r.bare.requests)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// urls names the exact URLs measured, since deep ones carry a cursor.
func urls(w io.Writer, results []result, cfg config) {
	b, s := short(cfg.bigUsers), short(cfg.smallUsers)
	fmt.Fprintln(w, "URLs measured")
	for _, r := range results {
		if !r.deep {
			continue
		}
		fmt.Fprintf(w, "  %s (N = %d)\n", r.label, cfg.hops)
		fmt.Fprintf(w, "    %-5s page %d, %s (%d bytes)\n", b+":", r.big.pages, r.big.path, r.big.bytes)
		fmt.Fprintf(w, "    %-5s page %d, %s (%d bytes)\n", s+":", r.small.pages, r.small.path, r.small.bytes)
		if r.small.pages < cfg.hops+1 {
			fmt.Fprintf(w, "    (the %s list is shorter: its last full page is measured)\n", s)
		}
	}
	for _, r := range results {
		if !r.deep {
			fmt.Fprintf(w, "  %s: %d bytes at %s, %d bytes at %s\n", r.label, r.big.bytes, b, r.small.bytes, s)
		}
	}
	fmt.Fprintln(w)
}

func summary(w io.Writer, v verdicts, took time.Duration) {
	total := len(v.pass) + len(v.fail)
	if len(v.fail) == 0 {
		fmt.Fprintf(w, "SUMMARY: PASS, %d/%d targets met (run took %s)\n", total, total, took.Round(time.Second))
		return
	}
	fmt.Fprintf(w, "SUMMARY: FAIL, %d/%d targets met (run took %s); missed: %s\n", len(v.pass), total,
		took.Round(time.Second), strings.Join(v.fail, "; "))
}

// short writes a user count the way the issue does: 100000 is "100k".
func short(n int) string {
	if n >= 1000 && n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// loadAverage is the one-minute load average, or "?" where /proc has none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func pair(s stats) string { return ms(s.p50) + " / " + ms(s.p99) }

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
