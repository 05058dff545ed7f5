package store_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestMigratedUntilAMigrationIsMissing: a database is migrated once every
// embedded migration is applied, and no longer when one of them, the newest
// or an old one, is not recorded as applied.
func TestMigratedUntilAMigrationIsMissing(t *testing.T) {
	t.Parallel()
	for name, which := range map[string]string{
		"newest": `SELECT MAX(version_id) FROM goose_db_version`,
		"oldest": `SELECT MIN(version_id) FROM goose_db_version WHERE version_id > 0`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := storetest.DB(t)
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if ok, err := st.Migrated(ctx); err != nil || !ok {
				t.Fatalf("fresh store: migrated = %v, %v; want true", ok, err)
			}
			raw := testdb.Open(t, db)
			if _, err := raw.Exec(`DELETE FROM goose_db_version WHERE version_id = (` + which + `)`); err != nil {
				t.Fatal(err)
			}
			if ok, err := st.Migrated(ctx); err != nil || ok {
				t.Fatalf("%s migration missing: migrated = %v, %v; want false", name, ok, err)
			}
		})
	}
}
