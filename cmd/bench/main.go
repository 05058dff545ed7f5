// Command bench measures the users page at 100,000 and at 1,000 users against
// a bare echo server serving the same bytes, all in one run, and prints the
// ratios the performance rules ask for. It also times seeding 100,000 users.
// With CONSOLE_BENCH_PG it measures PostgreSQL too (pg_run.go; -pg for that
// part alone).
//
// It is a report: it exits 0 whatever the results, and non-zero only when the
// benchmark itself cannot run (a build failure, a non-200 response).
// Everything runs on 127.0.0.1 in a temporary directory removed at the end.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// config is the run's shape; the defaults keep a run under five minutes on two cores.
type config struct {
	bigUsers, smallUsers int
	hops                 int // rel="next" links followed to reach the deep page
	load                 loadConfig
	cpuProfile           string // prefix of CPU profiles of the big-database measurements
}

func main() {
	cfg := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench: FAILED TO RUN:", err)
		stop()
		os.Exit(1)
	}
}

var pagesOnly = flag.Bool("pages-only", false, "measure only the users pages and the API's users list (SQLite), then stop")

func parseFlags() config {
	var c config
	flag.IntVar(&c.bigUsers, "big", 100_000, "users in the big database")
	flag.IntVar(&c.smallUsers, "small", 1_000, "users in the small database")
	flag.IntVar(&c.hops, "hops", 20, `rel="next" links to follow for the deep page`)
	flag.IntVar(&c.load.workers, "workers", 8, "concurrent workers")
	flag.IntVar(&c.load.warmup, "warmup", 200, "warm-up requests before each measurement")
	flag.DurationVar(&c.load.duration, "duration", 3*time.Second, "length of each measurement")
	flag.IntVar(&c.load.rounds, "rounds", 2, "rounds of measurements, summed")
	flag.IntVar(&c.load.maxRequests, "max", 500_000, "most requests in one measurement")
	flag.StringVar(&c.cpuProfile, "cpuprofile", "", "write CPU profiles of the big-database measurements (first round) to PREFIX.<scenario>.pprof")
	flag.Parse()
	c.load.workers, c.load.rounds = max(1, c.load.workers), max(1, c.load.rounds)
	return c
}

func run(ctx context.Context, cfg config) error {
	start, load := time.Now(), loadAverage()
	tmp, err := os.MkdirTemp("", "console-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if *reportOnly {
		return userReportBench(ctx, tmp, os.Stdout)
	}
	if *jobsOnly {
		return jobsBench(ctx, tmp, os.Stdout)
	}
	if *importOnly {
		return importBench(ctx, tmp, os.Stdout)
	}
	if *scimOnly {
		return scimBench(ctx, cfg, tmp, os.Stdout)
	}
	if *pbOnly {
		return pocketBaseBench(ctx, cfg, tmp, os.Stdout)
	}
	if *pgOnly {
		return pgBench(ctx, cfg, "", tmp, database{}, os.Stdout)
	}
	if !withBypass {
		return errNoBypass // before minutes of seeding, not after
	}

	bin, err := buildCLI(ctx, tmp)
	if err != nil {
		return err
	}
	big, err := prepareDB(ctx, bin, filepath.Join(tmp, "big.db"), cfg.bigUsers)
	if err != nil {
		return err
	}
	small, err := prepareDB(ctx, bin, filepath.Join(tmp, "small.db"), cfg.smallUsers)
	if err != nil {
		return err
	}
	fmt.Println()

	bigApp, err := startConsole(ctx, big)
	if err != nil {
		return err
	}
	defer bigApp.close()
	smallApp, err := startConsole(ctx, small)
	if err != nil {
		return err
	}
	defer smallApp.close()

	results, err := measureAll(ctx, cfg, bigApp, smallApp)
	if err != nil {
		return err
	}
	apiRes, err := measureAPI(ctx, cfg, bigApp)
	if err != nil {
		return fmt.Errorf("api: %w", err)
	}
	typing, err := measureTyping(ctx, bigApp, cfg.load.rounds)
	if err != nil {
		return fmt.Errorf("typing: %w", err)
	}
	report(os.Stdout, cfg, big, results, apiRes, typing, time.Since(start), load)
	if *pagesOnly {
		return nil
	}
	if err := scimBench(ctx, cfg, tmp, os.Stdout); err != nil {
		return err
	}
	if err := userReportBench(ctx, tmp, os.Stdout); err != nil {
		return err
	}
	if err := jobsBench(ctx, tmp, os.Stdout); err != nil {
		return err
	}
	if err := importBench(ctx, tmp, os.Stdout); err != nil {
		return err
	}
	return pgBench(ctx, cfg, bin, tmp, big, os.Stdout)
}
