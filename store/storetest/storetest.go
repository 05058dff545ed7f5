// Package storetest opens a fresh store per test, on SQLite or, when
// CONSOLE_TEST_DB names a PostgreSQL server, on PostgreSQL (see testdb).
package storetest

import (
	"context"
	"testing"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store"
)

// DB returns the path or URL of a fresh, migrated database for tb.
func DB(tb testing.TB) string {
	tb.Helper()
	return testdb.DB(tb, store.Migrations(), Migrate)
}

// Open opens a fresh store that lives as long as tb.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), DB(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Migrate brings an empty database to the newest schema.
func Migrate(ctx context.Context, db string) error {
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	return st.Close()
}
