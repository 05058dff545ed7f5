package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the bench's own statements

	"github.com/console-dev/console/store"
)

// pgEnv names a PostgreSQL server where the bench may CREATE DATABASE.
const pgEnv = "CONSOLE_BENCH_PG"

var pgOnly = flag.Bool("pg", false, "measure only PostgreSQL (eight writers, the users page against SQLite, two processes); needs "+pgEnv)

// pgServer is the PostgreSQL server of CONSOLE_BENCH_PG, reached through its
// own database (the maintenance one the URL names), with the databases the
// bench made there, dropped at the end.
type pgServer struct {
	base  *url.URL
	admin *sql.DB
	made  []string
}

// errNoPG is what the bench prints instead of the PostgreSQL measurements.
var errNoPG = errors.New("PostgreSQL measurements skipped: set " + pgEnv + "=postgres://user@host:port/postgres (a server where the bench may CREATE DATABASE)")

// openPG connects to the server CONSOLE_BENCH_PG names, or says it is unset.
func openPG(ctx context.Context) (*pgServer, error) {
	raw := os.Getenv(pgEnv)
	if raw == "" {
		return nil, errNoPG
	}
	if !store.IsPostgres(raw) {
		return nil, fmt.Errorf("%s=%q is not a postgres:// URL", pgEnv, raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pgEnv, err)
	}
	db, err := sql.Open("pgx", raw)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s (%s): %w", pgEnv, u.Redacted(), err)
	}
	return &pgServer{base: u, admin: db}, nil
}

// create makes an empty database and returns its URL, with the pool size a
// console process uses unless told otherwise.
func (p *pgServer) create(ctx context.Context, what string) (string, error) {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "console_bench_" + what + "_" + hex.EncodeToString(b)
	if _, err := p.admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	p.made = append(p.made, name)
	u := *p.base
	u.Path = "/" + name
	return u.String(), nil
}

// close drops the bench's databases, even those a console still holds open.
func (p *pgServer) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, name := range p.made {
		if _, err := p.admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			fmt.Fprintf(os.Stderr, "bench: drop database %s: %v\n", name, err)
		}
	}
	p.admin.Close()
}

// about is the server's version and the settings that shape the figures:
// without fsync a commit waits for no disk, so eight writers gain from
// running in parallel alone, not from sharing flushes.
func (p *pgServer) about(ctx context.Context) string {
	var version string
	_ = p.admin.QueryRowContext(ctx, `SHOW server_version`).Scan(&version)
	parts := []string{"PostgreSQL " + strings.Fields(version + " ?")[0]}
	for _, name := range []string{"fsync", "synchronous_commit", "shared_buffers", "max_connections"} {
		var v string
		if err := p.admin.QueryRowContext(ctx, `SHOW `+name).Scan(&v); err == nil {
			parts = append(parts, name+"="+v)
		}
	}
	return strings.Join(parts, ", ")
}

// dbName is the database a URL names.
func dbName(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Path, "/")
}

// backends are the server processes serving database name now.
func (p *pgServer) backends(ctx context.Context, name string) ([]int, error) {
	rows, err := p.admin.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = $1`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			return nil, err
		}
		pids = append(pids, pid)
	}
	return pids, rows.Err()
}

// rollbacks is how many transactions database name has rolled back. A
// backend reports its counts when it exits (or when idle, up to seconds
// later), so the bench reads this after closing its pool and waiting for its
// backends to go.
func (p *pgServer) rollbacks(ctx context.Context, name string) (int64, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		pids, err := p.backends(ctx, name)
		if err != nil {
			return 0, err
		}
		if len(pids) == 0 || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	var n int64
	err := p.admin.QueryRowContext(ctx, `SELECT xact_rollback FROM pg_stat_database WHERE datname = $1`, name).Scan(&n)
	return n, err
}

// analyze runs ANALYZE on a freshly seeded database, as autovacuum would a
// minute later, so that the planner knows the tables' sizes when measured.
func analyze(ctx context.Context, dbURL string) (time.Duration, error) {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	start := time.Now()
	_, err = db.ExecContext(ctx, `ANALYZE`)
	return time.Since(start), err
}
