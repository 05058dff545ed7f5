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
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the bench's own statements

	"github.com/console-dev/console/store"
)

// pgEnv names a PostgreSQL server where the bench may CREATE DATABASE;
// without it the bench starts a throwaway one when PostgreSQL is installed.
const pgEnv = "CONSOLE_BENCH_PG"

var pgOnly = flag.Bool("pg", false, "measure only PostgreSQL (eight writers, the users page against SQLite, two processes); needs "+pgEnv)

// pgServer is the PostgreSQL server of CONSOLE_BENCH_PG (or a throwaway
// one), reached through the maintenance database its URL names, with the
// databases the bench made there, dropped at the end.
type pgServer struct {
	base      *url.URL
	admin     *sql.DB
	made      []string
	throwaway string // the folder of the server the bench started, stopped at the end
	root      string // the module's root, where .ci/postgres is
}

// errNoPG is what the bench prints instead of the PostgreSQL measurements.
var errNoPG = errors.New("PostgreSQL measurements skipped: set " + pgEnv + "=postgres://user@host:port/postgres (a server where the bench may CREATE DATABASE), or install PostgreSQL so that .ci/postgres can start one")

// openPG connects to the server CONSOLE_BENCH_PG names; without it, it
// starts a throwaway server with .ci/postgres, as the tests do, or says
// PostgreSQL is not here.
func openPG(ctx context.Context) (*pgServer, error) {
	raw := os.Getenv(pgEnv)
	p := &pgServer{}
	if raw == "" {
		var err error
		if raw, err = p.startThrowaway(ctx); err != nil {
			return nil, err
		}
	}
	if !store.IsPostgres(raw) {
		return nil, fmt.Errorf("%s=%q is not a postgres:// URL", pgEnv, raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		p.stopThrowaway()
		return nil, fmt.Errorf("%s: %w", pgEnv, err)
	}
	db, err := sql.Open("pgx", raw)
	if err == nil {
		db.SetMaxOpenConns(2)
		if err = db.PingContext(ctx); err != nil {
			db.Close()
		}
	}
	if err != nil {
		p.stopThrowaway()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", u.Redacted(), err)
	}
	p.base, p.admin = u, db
	return p, nil
}

// startThrowaway starts a server of its own in a new folder with the
// script the tests use; no PostgreSQL on the machine is errNoPG.
func (p *pgServer) startThrowaway(ctx context.Context) (string, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	script := filepath.Join(root, ".ci", "postgres")
	if _, err := os.Stat(script); err != nil {
		return "", errNoPG
	}
	if _, err := command(ctx, root, script, "bin"); err != nil {
		return "", errNoPG
	}
	// Its own folder under the system's temporary one: the server runs as
	// another user when the bench runs as root, and may not enter the bench's.
	dir, err := os.MkdirTemp("", "console-bench-pg-")
	if err != nil {
		return "", err
	}
	fmt.Println("Starting a throwaway PostgreSQL server (.ci/postgres; set " + pgEnv + " to use another) …")
	out, err := command(ctx, root, script, "start", dir)
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf(".ci/postgres start: %w", err)
	}
	p.throwaway, p.root = dir, root
	return strings.TrimSpace(out), nil
}

// stopThrowaway stops the server the bench started, if it did.
func (p *pgServer) stopThrowaway() {
	if p.throwaway == "" {
		return
	}
	if _, err := command(context.Background(), p.root, filepath.Join(p.root, ".ci", "postgres"), "stop", p.throwaway); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
	}
	p.throwaway = ""
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
		if p.throwaway != "" {
			break // the whole server goes, with its databases
		}
		if _, err := p.admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			fmt.Fprintf(os.Stderr, "bench: drop database %s: %v\n", name, err)
		}
	}
	p.admin.Close()
	p.stopThrowaway()
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
