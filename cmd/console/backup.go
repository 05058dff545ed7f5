package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/console-dev/console/store"
)

// backup writes a consistent, compacted copy of a SQLite database while the
// console may be serving. A PostgreSQL database is PostgreSQL's to back up:
// the command refuses and prints the pg_dump command that does it.
func backup(ctx context.Context, args []string) error {
	fs := newFlags("backup")
	dbPath := fs.String("db", env("CONSOLE_DB", "console.db"), "SQLite database file, or postgres:// URL (CONSOLE_DB)")
	out := fs.String("out", "", "file to write; it must not exist")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if store.IsPostgres(*dbPath) {
		return errors.New(pgDumpAdvice(*dbPath, *out))
	}
	if *out == "" {
		return errors.New("backup: --out is required")
	}
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Println("backup written to", *out)
	return nil
}

// pgDumpAdvice is the refusal on PostgreSQL, with the pg_dump command line
// for this database: custom format (-Fc), which pg_restore reads.
func pgDumpAdvice(db, out string) string {
	if out == "" {
		out = "console.dump"
	}
	return "backup: on PostgreSQL, back up with pg_dump (consistent while the console serves):\n\n" +
		"  pg_dump -Fc --file=" + shellQuote(out) + " " + shellQuote(libpqURL(db)) + "\n\n" +
		"and restore into a new, empty database with:\n\n" +
		"  pg_restore --no-owner --single-transaction --dbname='postgres://USER@HOST:PORT/NEWDB' " + shellQuote(out) + "\n\n" +
		"pg_dump reads the password from PGPASSWORD or ~/.pgpass; this command prints none."
}

// libpqKeys are the URL parameters pg_dump understands; the console's others
// (pool_max_conns, statement_timeout, which pgx passes to the server) make
// libpq refuse the URL, and a dump must not be cut off by a statement timeout.
var libpqKeys = []string{"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslsni", "channel_binding",
	"gssencmode", "connect_timeout", "target_session_attrs", "application_name", "options", "host", "port",
	"dbname", "user", "service", "passfile", "keepalives", "keepalives_idle", "tcp_user_timeout", "load_balance_hosts"}

// libpqURL is db as pg_dump takes it: without its password and without the
// parameters libpq does not know.
func libpqURL(db string) string {
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://USER@HOST:PORT/DB"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := url.Values{}
	for k, v := range u.Query() {
		if slices.Contains(libpqKeys, k) {
			q[k] = v
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
