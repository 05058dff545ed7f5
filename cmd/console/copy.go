package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/console-dev/console/store"
)

// copyCmd moves a console from its SQLite file to an empty PostgreSQL
// database: every table, ids kept, in one transaction that commits only when
// every table's row count matches. The console must be stopped meanwhile.
func copyCmd(ctx context.Context, args []string) error {
	fs := newFlags("copy")
	from := fs.String("from", "", "SQLite database file to read (the console's --db)")
	to := fs.String("to", "", "empty PostgreSQL database to fill: postgres://user@host:port/db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return copyDatabase(ctx, *from, *to, os.Stdout)
}

func copyDatabase(ctx context.Context, from, to string, out io.Writer) error {
	switch {
	case from == "" || to == "":
		return errors.New("copy: --from FILE and --to postgres://... are both required")
	case store.IsPostgres(from):
		return errors.New("copy: --from is the SQLite file; copying out of PostgreSQL is pg_dump's work")
	case !store.IsPostgres(to):
		return fmt.Errorf("copy: --to must be a postgres:// URL, not %q", to)
	}
	// store.Open would make a new, empty file of a mistyped path.
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("copy: --from: %w", err)
	}
	start := time.Now()
	src, err := store.Open(ctx, from)
	if err != nil {
		return fmt.Errorf("copy: open %s: %w", from, err)
	}
	defer src.Close()
	dst, err := store.Open(ctx, to)
	if err != nil {
		return fmt.Errorf("copy: open %s: %w", store.Redact(to), err)
	}
	defer dst.Close()
	fmt.Fprintf(out, "Copying %s to %s\n", from, store.Redact(to))
	tables, err := store.Copy(ctx, src, dst, out)
	if err != nil {
		return err
	}
	var rows int64
	for _, t := range tables {
		rows += t.Rows
	}
	fmt.Fprintf(out, "Copied %d tables, %d rows in %s; row counts verified. Start the console with --db %s\n",
		len(tables), rows, time.Since(start).Round(time.Millisecond), store.Redact(to))
	// On PostgreSQL no key file sits beside the database: the key that sealed
	// the SSO client secrets must travel in the environment.
	if key := from + ".key"; fileExists(key) {
		fmt.Fprintf(out, "Give every console process the secret key of %s: CONSOLE_SECRET_KEY=$(cat %s)\n", from, shellQuote(key))
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
