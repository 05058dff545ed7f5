package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// Migrated reports whether every migration this binary embeds is applied to
// the database. Open migrates before it returns, so a serving process is
// migrated unless someone rolled its database back or a process of an older
// binary runs beside it: a load balancer asking /readyz then stops sending
// it requests its schema cannot answer. It only reads goose's table.
func (s *Store) Migrated(ctx context.Context) (bool, error) {
	want, err := fs.Glob(migrationsFS(s.pg), "*.sql")
	if err != nil {
		return false, fmt.Errorf("store: migrated: %w", err)
	}
	rows, err := s.query(ctx, `SELECT version_id FROM goose_db_version WHERE is_applied`)
	if err != nil {
		return false, fmt.Errorf("store: migrated: %w", err)
	}
	defer rows.Close()
	applied := map[int64]bool{}
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return false, fmt.Errorf("store: migrated: %w", err)
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("store: migrated: %w", err)
	}
	for _, m := range goMigrations(s.pg) {
		if !applied[m.Version] {
			return false, nil
		}
	}
	for _, name := range want {
		v, err := goose.NumericComponent(name)
		if err != nil {
			return false, fmt.Errorf("store: migrated: %w", err)
		}
		if !applied[v] {
			return false, nil
		}
	}
	return true, nil
}
