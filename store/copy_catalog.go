package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The copy reads its list of tables from the databases' catalogs rather than
// from a list in the code, so a table a migration adds is copied too.

// copyTable is one table of the SQLite source: its columns in order and the
// tables its foreign keys point at.
type copyTable struct {
	name    string
	columns []string
	refs    []string // referenced tables, itself excluded
}

// bookkeeping is goose's own tables, which each database keeps for itself.
func bookkeeping(table string) bool { return table == "goose_db_version" || table == "goose_lock" }

// sqliteTables lists the source's tables, parents before the tables that
// reference them, so that every foreign key finds its row already copied. A
// table referencing itself (tenants.parent_id) is one COPY statement, which
// PostgreSQL checks as a whole at its end.
func sqliteTables(ctx context.Context, tx *sql.Tx) ([]copyTable, error) {
	names, err := strings1(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	byName := map[string]*copyTable{}
	var all []*copyTable
	for _, n := range names {
		if bookkeeping(n) {
			continue
		}
		t := &copyTable{name: n}
		if t.columns, err = strings1(ctx, tx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, n); err != nil {
			return nil, err
		}
		refs, err := strings1(ctx, tx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?) ORDER BY 1`, n)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			if r != n {
				t.refs = append(t.refs, r)
			}
		}
		byName[n] = t
		all = append(all, t)
	}
	// Take, again and again, every table whose referenced tables are all taken.
	var order []copyTable
	done := map[string]bool{}
	for len(order) < len(all) {
		progress := false
		for _, t := range all {
			if done[t.name] || slices.ContainsFunc(t.refs, func(r string) bool { return !done[r] && byName[r] != nil }) {
				continue
			}
			done[t.name], progress = true, true
			order = append(order, *t)
		}
		if !progress {
			var left []string
			for _, t := range all {
				if !done[t.name] {
					left = append(left, t.name)
				}
			}
			return nil, fmt.Errorf("the foreign keys of %s form a cycle: no order copies them", strings.Join(left, ", "))
		}
	}
	return order, nil
}

// pgColumn is a column of the target and its type's name (int8, text, bytea...).
type pgColumn struct {
	name, typ string
	identity  bool   // GENERATED ... AS IDENTITY: restarted past the copied ids
	sequence  string // the sequence of a serial column, else ""
}

// postgresColumns lists the target's tables (goose's excepted) and their columns.
func postgresColumns(ctx context.Context, tx pgx.Tx) (map[string][]pgColumn, error) {
	rows, err := tx.Query(ctx, `SELECT c.relname, a.attname, t.typname, a.attidentity <> '',
			COALESCE(CASE WHEN a.attidentity = '' THEN pg_get_serial_sequence(quote_ident(c.relname), a.attname) END, '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		JOIN pg_type t ON t.oid = a.atttypid
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
		ORDER BY c.relname, a.attnum`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]pgColumn{}
	for rows.Next() {
		var table string
		var c pgColumn
		if err := rows.Scan(&table, &c.name, &c.typ, &c.identity, &c.sequence); err != nil {
			return nil, err
		}
		if !bookkeeping(table) {
			out[table] = append(out[table], c)
		}
	}
	return out, rows.Err()
}

// sameColumns tells why a source table cannot be copied into the target's, or "".
func sameColumns(src []string, dst []pgColumn) string {
	var names []string
	for _, c := range dst {
		names = append(names, c.name)
	}
	var missing, extra []string
	for _, c := range src {
		if !slices.Contains(names, c) {
			missing = append(missing, c)
		}
	}
	for _, c := range names {
		if !slices.Contains(src, c) {
			extra = append(extra, c)
		}
	}
	var why []string
	if len(missing) > 0 {
		why = append(why, "the target lacks column "+strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		why = append(why, "the source lacks column "+strings.Join(extra, ", "))
	}
	return strings.Join(why, "; ")
}

// sqliteVersion and postgresVersion are the newest migration goose applied.
func sqliteVersion(ctx context.Context, tx *sql.Tx) (int64, error) {
	var v sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&v)
	return v.Int64, err
}

func postgresVersion(ctx context.Context, tx pgx.Tx) (int64, error) {
	var v *int64
	if err := tx.QueryRow(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&v); err != nil || v == nil {
		return 0, err
	}
	return *v, nil
}

// strings1 runs a query of one text column.
func strings1(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// sqliteName quotes a table or column name for SQLite.
func sqliteName(n string) string { return `"` + strings.ReplaceAll(n, `"`, `""`) + `"` }

// pgName quotes a table or column name for PostgreSQL.
func pgName(n string) string { return pgx.Identifier{n}.Sanitize() }
