package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/console-dev/console/store"
)

// backup writes a consistent, compacted copy of the database while the console may be serving.
func backup(ctx context.Context, args []string) error {
	fs := newFlags("backup")
	dbPath := fs.String("db", env("CONSOLE_DB", "console.db"), "SQLite database file, or postgres:// URL (CONSOLE_DB)")
	out := fs.String("out", "", "file to write; it must not exist")
	if err := fs.Parse(args); err != nil {
		return err
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
