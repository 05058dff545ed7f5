package store_test

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestMigrationsAgree fails when a migration version exists for one database
// only: an operator moving from SQLite to PostgreSQL (console copy) needs both
// at the same version, and goose numbers them by file name.
func TestMigrationsAgree(t *testing.T) {
	t.Parallel()
	versions := func(dir string) map[string]string {
		entries, err := fs.ReadDir(store.Migrations(), dir)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
				continue
			}
			v, _, ok := strings.Cut(e.Name(), "_")
			if !ok || strings.Trim(v, "0123456789") != "" {
				t.Errorf("%s/%s: the name does not start with a version number and _", dir, e.Name())
				continue
			}
			out[v] = e.Name()
		}
		if len(out) == 0 {
			t.Fatalf("no migrations in %s", dir)
		}
		return out
	}
	lite, pg := versions("sqlite"), versions("postgres")
	var diffs []string
	for v, name := range lite {
		if _, ok := pg[v]; !ok {
			diffs = append(diffs, fmt.Sprintf("version %s is in sqlite/ (%s) but not in postgres/", v, name))
		}
	}
	for v, name := range pg {
		if _, ok := lite[v]; !ok {
			diffs = append(diffs, fmt.Sprintf("version %s is in postgres/ (%s) but not in sqlite/", v, name))
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Errorf("the migration folders disagree:\n  %s", strings.Join(diffs, "\n  "))
	}
}

// TestSchemasAgree migrates a fresh SQLite file and a fresh PostgreSQL
// database and compares what the store relies on: tables, columns (type class,
// NOT NULL, default, primary key), indexes (unique, columns in order, partial
// or not) and foreign keys. A difference means a query or a copied row that
// works on one database can fail, or behave otherwise, on the other.
func TestSchemasAgree(t *testing.T) {
	testdb.NeedPostgres(t)
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "console.db")
	if err := storetest.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	lite := sqliteSchema(t, testdb.Open(t, path).DB)
	pg := postgresSchema(t, testdb.Open(t, storetest.DB(t)).DB)
	if len(lite) < 20 {
		t.Fatalf("the SQLite schema reads as only %d facts: the catalog queries are wrong", len(lite))
	}
	if d := schemaDiff(lite, pg); d != "" {
		t.Errorf("the SQLite and PostgreSQL schemas differ (- only on SQLite, + only on PostgreSQL):\n%s", d)
	}
}

// schemaDiff lists the facts of one schema only, sorted so that the two
// versions of a changed column stand next to each other.
func schemaDiff(lite, pg []string) string {
	type line struct{ fact, mark string }
	var lines []line
	for _, f := range lite {
		if !slices.Contains(pg, f) {
			lines = append(lines, line{f, "-"})
		}
	}
	for _, f := range pg {
		if !slices.Contains(lite, f) {
			lines = append(lines, line{f, "+"})
		}
	}
	slices.SortFunc(lines, func(a, b line) int { return strings.Compare(a.fact+a.mark, b.fact+b.mark) })
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "  %s %s\n", l.mark, l.fact)
	}
	return b.String()
}
