package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store"
)

// needPostgres skips a test that copies into PostgreSQL in the SQLite leg.
func needPostgres(t *testing.T) { t.Helper(); testdb.NeedPostgres(t) }

// sourceTables lists the SQLite tables (goose's excepted) and their columns.
func sourceTables(t *testing.T, db *testdb.Raw) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	rows, err := db.Query(`SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'goose_db_version' ORDER BY m.name, p.cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], col)
	}
	return out
}

// tableRows reads every row of these tables as sorted lines of text, each
// value with its Go type: "int64 3|string Acme|bytes 89504e47|<nil> <nil>".
func tableRows(t *testing.T, db *testdb.Raw, tables map[string][]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for table, cols := range tables {
		rows, err := db.Query(`SELECT ` + strings.Join(cols, ", ") + ` FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		out[table] = []string{}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('|')
				}
				if p, ok := v.([]byte); ok {
					fmt.Fprintf(&b, "bytes %x", p)
				} else {
					fmt.Fprintf(&b, "%T %v", v, v)
				}
			}
			out[table] = append(out[table], b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(out[table])
	}
	return out
}

// indexesAndConstraints lists the definitions of the target's indexes and
// constraints, sorted.
func indexesAndConstraints(t *testing.T, db *testdb.Raw) []string {
	t.Helper()
	rows, err := db.Query(`SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
		UNION ALL
		SELECT c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) FROM pg_constraint con
			JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	slices.Sort(out)
	if len(out) < 50 {
		t.Fatalf("only %d indexes and constraints on PostgreSQL: the catalog query is wrong", len(out))
	}
	return out
}

// without is what a holds and b does not.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// postgresTables counts the target's tables, goose's excepted.
func postgresTables(t *testing.T, db *testdb.Raw) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()
		AND tablename NOT IN ('goose_db_version', 'goose_lock')`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// identityTops is the highest id of each PostgreSQL table numbered by an identity column.
func identityTops(t *testing.T, db *testdb.Raw) map[string]int64 {
	t.Helper()
	rows, err := db.Query(`SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND a.attname = 'id' AND a.attidentity <> ''
			AND c.relname NOT IN ('goose_db_version', 'goose_lock')`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < 5 {
		t.Fatalf("only %d identity columns on PostgreSQL: the catalog query is wrong", len(tables))
	}
	out := map[string]int64{}
	for _, table := range tables {
		var top int64
		if err := db.QueryRow(`SELECT COALESCE(max(id), 0) FROM ` + table).Scan(&top); err != nil {
			t.Fatal(err)
		}
		out[table] = top
	}
	return out
}

func pageNames(p store.UserPage) []string {
	var out []string
	for _, a := range p.Accounts {
		out = append(out, fmt.Sprintf("%d %s %s", a.ID, a.Login, a.Email))
	}
	return out
}
