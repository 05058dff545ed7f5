package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// pgResult is everything the PostgreSQL part measured, in one run.
type pgResult struct {
	about                  string
	loadBefore             string
	pgWriters, liteWriters writersResult
	pgSeed, liteSeed       time.Duration
	pgCopy                 time.Duration // console copy of the SQLite database, when it filled PostgreSQL
	analyze                time.Duration
	users                  int
	pages                  []pagePair
	procs                  []procsResult
}

// procsResult is one shape of the two-process measurement.
type procsResult struct {
	procsConfig
	pairs []pagePair
}

func gomaxprocsName(n int) string {
	if n == 0 {
		return "Go's default"
	}
	return fmt.Sprint(n)
}

// pgBench runs the PostgreSQL measurements against the server CONSOLE_BENCH_PG
// names, in databases it creates and drops: eight writers against one (and
// the same on SQLite), the users page against SQLite on the same users, and
// two console processes against one. lite is the big SQLite database already
// seeded by this run, or the zero database to seed one here. Without
// CONSOLE_BENCH_PG it says so and measures nothing.
func pgBench(ctx context.Context, cfg config, bin, tmp string, lite database, w io.Writer) error {
	pg, err := openPG(ctx)
	if errors.Is(err, errNoPG) {
		fmt.Fprintln(w, err)
		return nil
	}
	if err != nil {
		return err
	}
	defer pg.close()
	start := time.Now()
	// A page that takes a second (a bad plan) must not spend minutes warming
	// up: the warm-up stops after the measurement's own length.
	cfg.load.warmupFor = cfg.load.duration
	r := pgResult{about: pg.about(ctx), loadBefore: loadAverage(), users: cfg.bigUsers}
	fmt.Printf("\nPostgreSQL measurements on %s (%s)\n", pg.base.Redacted(), r.about)
	if pg.throwaway != "" {
		r.about += ", a throwaway server started by the bench"
	}

	fmt.Println("Writers: one, then eight at once, creating people through ops.CreateUser …")
	wdb, err := pg.create(ctx, "writers")
	if err != nil {
		return err
	}
	if r.pgWriters, err = measureWriters(ctx, cfg, wdb, pg); err != nil {
		return fmt.Errorf("writers on PostgreSQL: %w", err)
	}
	if r.liteWriters, err = measureWriters(ctx, cfg, filepath.Join(tmp, "writers.db"), nil); err != nil {
		return fmt.Errorf("writers on SQLite: %w", err)
	}

	if bin == "" {
		if bin, err = buildCLI(ctx, tmp); err != nil {
			return err
		}
	}
	switch {
	case lite.path != "":
	case *liteSeeded != "":
		lite = database{path: *liteSeeded, users: cfg.bigUsers}
		err = lite.signInAs(ctx, bin)
	default:
		lite, err = prepareDB(ctx, bin, filepath.Join(tmp, "pg-sqlite.db"), cfg.bigUsers)
	}
	if err != nil {
		return err
	}
	r.liteSeed = lite.seedTime
	pgDB, err := pgUsersDB(ctx, cfg, bin, pg, lite, &r)
	if err != nil {
		return err
	}

	fmt.Printf("Users page at %s: PostgreSQL against SQLite …\n", short(cfg.bigUsers))
	if r.pages, err = measurePGPages(ctx, cfg, pg, pgDB, lite); err != nil {
		return err
	}
	for _, pc := range procsConfigs() {
		fmt.Printf("Users page: two console processes on PostgreSQL against one (GOMAXPROCS %s each) …\n", gomaxprocsName(pc.gomaxprocs))
		pairs, err := measureProcesses(ctx, cfg, bin, pgDB, pg, pc)
		if err != nil {
			return fmt.Errorf("two processes: %w", err)
		}
		r.procs = append(r.procs, procsResult{procsConfig: pc, pairs: pairs})
	}
	fmt.Println()
	pgReport(w, cfg, r, time.Since(start))
	return nil
}

// For development: databases seeded by an earlier "console seed --users N",
// measured instead of seeding new ones (the bench resets their demo
// administrator's password). Never point these at a database that matters.
var (
	pgSeeded   = flag.String("pg-seeded", "", "development: a PostgreSQL database URL already seeded with -big users, measured instead of copying one")
	liteSeeded = flag.String("lite-seeded", "", "development (-pg): a SQLite file already seeded with -big users, measured instead of seeding one")
	pgSeed     = flag.Bool("pg-seed", false, "fill the PostgreSQL users database with console seed (timed against SQLite's seed) instead of console copy of the SQLite one")
)

// pgUsersDB fills a new PostgreSQL database with the users of lite, timing
// it: by default "console copy" of the very same rows (which ends with
// ANALYZE), or with -pg-seed "console seed" of as many users alike, then
// ANALYZE, as autovacuum would soon after.
func pgUsersDB(ctx context.Context, cfg config, bin string, pg *pgServer, lite database, r *pgResult) (database, error) {
	if *pgSeeded != "" {
		db := database{path: *pgSeeded, users: cfg.bigUsers}
		return db, db.signInAs(ctx, bin)
	}
	url, err := pg.create(ctx, "users")
	if err != nil {
		return database{}, err
	}
	if !*pgSeed {
		db := database{path: url, users: lite.users, password: lite.password}
		fmt.Printf("Copying %s into %s (console copy) …\n", lite.name(), db.name())
		cctx, cancel := context.WithTimeout(ctx, 3*seedLimitFor(lite.users))
		defer cancel()
		start := time.Now()
		out, err := command(cctx, "", bin, "copy", "--from", lite.path, "--to", url)
		r.pgCopy = time.Since(start)
		if err != nil {
			return db, fmt.Errorf("copy to PostgreSQL: %w", err)
		}
		fmt.Print(indent(lastLine(out)))
		return db, nil
	}
	db, err := prepareDB(ctx, bin, url, cfg.bigUsers)
	if err != nil {
		return db, fmt.Errorf("seed PostgreSQL: %w", err)
	}
	r.pgSeed = db.seedTime
	if r.analyze, err = analyze(ctx, url); err != nil {
		return db, fmt.Errorf("analyze: %w", err)
	}
	fmt.Printf("  ANALYZE: %s\n", r.analyze.Round(time.Millisecond))
	return db, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
