package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrationsFS is the migration folder of one database: migrations/sqlite or
// migrations/postgres, which hold the same versions (TestMigrationsAgree).
func migrationsFS(pg bool) fs.FS {
	dir := "migrations/sqlite"
	if pg {
		dir = "migrations/postgres"
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		panic(err) // the embedded folders always exist
	}
	return sub
}

// migrate brings db to the newest version. On PostgreSQL a lock table
// (goose_lock, which works through PgBouncer's transaction pooling too) makes
// processes starting together migrate one after the other.
func migrate(ctx context.Context, db *sql.DB, pg bool) error {
	dialect, opts := goose.DialectSQLite3, []goose.ProviderOption(nil)
	if pg {
		locker, err := lock.NewPostgresTableLocker()
		if err != nil {
			return fmt.Errorf("store: migrations: %w", err)
		}
		dialect, opts = goose.DialectPostgres, append(opts, goose.WithLocker(locker))
	}
	opts = append(opts, goose.WithGoMigrations(goMigrations(pg)...))
	p, err := goose.NewProvider(dialect, db, migrationsFS(pg), opts...)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// Migrations holds both migration folders (sqlite/ and postgres/).
func Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return sub
}
