package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// pgResult is everything the PostgreSQL part measured, in one run.
type pgResult struct {
	about                  string
	loadBefore             string
	pgWriters, liteWriters writersResult
	pgSeed, liteSeed       time.Duration
	analyze                time.Duration
	users                  int
	pages, procs           []pagePair
	procsGOMAXPROCS        int
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
	r := pgResult{about: pg.about(ctx), loadBefore: loadAverage(), users: cfg.bigUsers, procsGOMAXPROCS: *procsGOMAXPROCS}
	fmt.Printf("\nPostgreSQL measurements on %s (%s)\n", pg.base.Redacted(), r.about)

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
	udb, err := pg.create(ctx, "users")
	if err != nil {
		return err
	}
	pgDB, err := prepareDB(ctx, bin, udb, cfg.bigUsers)
	if err != nil {
		return fmt.Errorf("seed PostgreSQL: %w", err)
	}
	r.pgSeed = pgDB.seedTime
	if r.analyze, err = analyze(ctx, udb); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	fmt.Printf("  ANALYZE: %s\n", r.analyze.Round(time.Millisecond))
	if lite.path == "" {
		if lite, err = prepareDB(ctx, bin, filepath.Join(tmp, "pg-sqlite.db"), cfg.bigUsers); err != nil {
			return err
		}
	}
	r.liteSeed = lite.seedTime

	fmt.Printf("Users page at %s: PostgreSQL against SQLite …\n", short(cfg.bigUsers))
	if r.pages, err = measurePGPages(ctx, cfg, pg, pgDB, lite); err != nil {
		return err
	}
	fmt.Println("Users page: two console processes on PostgreSQL against one …")
	if r.procs, err = measureProcesses(ctx, cfg, bin, pgDB, pg); err != nil {
		return fmt.Errorf("two processes: %w", err)
	}
	fmt.Println()
	pgReport(w, cfg, r, time.Since(start))
	return nil
}
