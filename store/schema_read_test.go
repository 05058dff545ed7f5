package store_test

import (
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Each schema is read as a set of facts, one line each ("column accounts.email
// text null"), so that the difference of two schemas is a readable list.

// ignoredTable is goose's bookkeeping or a database's own table.
func ignoredTable(name string) bool {
	return name == "goose_db_version" || name == "goose_lock" || strings.HasPrefix(name, "sqlite_")
}

// sqliteType is the class SQLite's type affinity rules give a declared type.
func sqliteType(decl string) string {
	d := strings.ToUpper(decl)
	switch {
	case strings.Contains(d, "INT"):
		return "integer"
	case strings.Contains(d, "CHAR"), strings.Contains(d, "CLOB"), strings.Contains(d, "TEXT"):
		return "text"
	case d == "", strings.Contains(d, "BLOB"):
		return "blob"
	case strings.Contains(d, "REAL"), strings.Contains(d, "FLOA"), strings.Contains(d, "DOUB"):
		return "real"
	}
	return "numeric(" + decl + ")"
}

// postgresType is the same class for a PostgreSQL type (format_type's text).
func postgresType(t string) string {
	switch {
	case t == "bigint", t == "integer", t == "smallint":
		return "integer"
	case t == "text", strings.HasPrefix(t, "character"):
		return "text"
	case t == "bytea":
		return "blob"
	case t == "double precision", t == "real":
		return "real"
	}
	return "other(" + t + ")"
}

var pgCast = regexp.MustCompile(`::[a-z ]+(\[\])?`)

// normDefault writes a default expression the same way for both databases:
// PostgreSQL adds casts ('console'::text) and brackets around negative numbers.
func normDefault(expr string) string {
	e := pgCast.ReplaceAllString(strings.TrimSpace(expr), "")
	for strings.HasPrefix(e, "(") && strings.HasSuffix(e, ")") {
		e = e[1 : len(e)-1]
	}
	if len(e) > 2 && e[0] == '\'' && e[len(e)-1] == '\'' && strings.Trim(e[1:len(e)-1], "-0123456789.") == "" {
		e = e[1 : len(e)-1] // '-1' (PostgreSQL's text of a negative bigint) is the number -1
	}
	return e
}

func column(table, name, class string, notNull, hasDefault bool, def string) []string {
	null := "null"
	if notNull {
		null = "not null"
	}
	facts := []string{fmt.Sprintf("column %s.%s %s %s", table, name, class, null)}
	if hasDefault {
		facts = append(facts, fmt.Sprintf("default %s.%s = %s", table, name, normDefault(def)))
	}
	return facts
}

func index(table, name string, unique, partial bool, cols []string) string {
	kind := "index"
	if unique {
		kind = "unique index"
	}
	where := ""
	if partial {
		where = " where …"
	}
	return fmt.Sprintf("%s %s.%s (%s)%s", kind, table, name, strings.Join(cols, ", "), where)
}

func foreignKey(table string, cols []string, ref string, refCols []string, onDelete, onUpdate string) string {
	return fmt.Sprintf("foreign key %s (%s) → %s (%s) on delete %s on update %s", table, strings.Join(cols, ", "), ref,
		strings.Join(refCols, ", "), strings.ToLower(onDelete), strings.ToLower(onUpdate))
}

// sqliteSchema reads the facts of a SQLite database from its pragmas.
func sqliteSchema(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var facts []string
	tables := strings.Fields(queryString(t, db, `SELECT group_concat(name, ' ') FROM sqlite_schema WHERE type = 'table'`))
	for _, tb := range tables {
		if ignoredTable(tb) {
			continue
		}
		facts = append(facts, "table "+tb)
		pk := map[int]string{}
		cols := map[int]string{} // cid → name, for foreign keys that name no column
		eachRow(t, db, `SELECT cid, name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, []any{tb}, func(r *sql.Rows) {
			var cid, notNull, pos int
			var name, typ string
			var def sql.NullString
			scan(t, r, &cid, &name, &typ, &notNull, &def, &pos)
			cols[cid] = name
			if pos > 0 {
				pk[pos] = name
			}
			// A primary key column never holds NULL on PostgreSQL; on SQLite an
			// INTEGER PRIMARY KEY is the rowid and cannot either, and the others
			// are declared NOT NULL where it matters.
			facts = append(facts, column(tb, name, sqliteType(typ), notNull == 1 || pos > 0, def.Valid, def.String)...)
		})
		if len(pk) > 0 {
			var names []string
			for i := 1; i <= len(pk); i++ {
				names = append(names, pk[i])
			}
			facts = append(facts, fmt.Sprintf("primary key %s (%s)", tb, strings.Join(names, ", ")))
		}
		eachRow(t, db, `SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, []any{tb}, func(r *sql.Rows) {
			var name, origin string
			var unique, partial int
			scan(t, r, &name, &unique, &origin, &partial)
			if origin == "pk" {
				return // the primary key fact says it
			}
			var icols []string
			eachRow(t, db, `SELECT name, "desc" FROM pragma_index_xinfo(?) WHERE key ORDER BY seqno`, []any{name}, func(r *sql.Rows) {
				var col sql.NullString
				var desc int
				scan(t, r, &col, &desc)
				icols = append(icols, indexColumn(col, desc == 1))
			})
			if origin == "u" { // a UNIQUE constraint: its index's name is the database's choice
				facts = append(facts, fmt.Sprintf("unique constraint %s (%s)", tb, strings.Join(icols, ", ")))
				return
			}
			facts = append(facts, index(tb, name, unique == 1, partial == 1, icols))
		})
		type fk struct {
			ref, onDelete, onUpdate string
			from, to                []string
		}
		fks := map[int]*fk{}
		eachRow(t, db, `SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, []any{tb}, func(r *sql.Rows) {
			var id int
			var ref, from, onUpdate, onDelete string
			var to sql.NullString
			scan(t, r, &id, &ref, &from, &to, &onUpdate, &onDelete)
			k := fks[id]
			if k == nil {
				k = &fk{ref: ref, onDelete: onDelete, onUpdate: onUpdate}
				fks[id] = k
			}
			k.from = append(k.from, from)
			k.to = append(k.to, to.String) // empty: the referenced primary key, resolved below
		})
		for _, k := range fks {
			if slices.Contains(k.to, "") {
				k.to = strings.Fields(queryString(t, db, `SELECT group_concat(name, ' ') FROM (SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk)`, k.ref))
			}
			facts = append(facts, foreignKey(tb, k.from, k.ref, k.to, k.onDelete, k.onUpdate))
		}
	}
	return facts
}

func indexColumn(name sql.NullString, desc bool) string {
	c := "<expression>"
	if name.Valid {
		c = name.String
	}
	if desc {
		c += " desc"
	}
	return c
}

// postgresSchema reads the same facts from PostgreSQL's catalog (the
// connection's current schema).
func postgresSchema(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var facts []string
	const tables = `FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`
	eachRow(t, db, `SELECT c.relname `+tables, nil, func(r *sql.Rows) {
		var name string
		scan(t, r, &name)
		if !ignoredTable(name) {
			facts = append(facts, "table "+name)
		}
	})
	eachRow(t, db, `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
			a.attidentity <> '' OR a.attgenerated <> '', d.adbin IS NOT NULL, COALESCE(pg_get_expr(d.adbin, d.adrelid), '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`, nil, func(r *sql.Rows) {
		var tb, name, typ, def string
		var notNull, generated, hasDefault bool
		scan(t, r, &tb, &name, &typ, &notNull, &generated, &hasDefault, &def)
		if ignoredTable(tb) {
			return
		}
		// An identity column is SQLite's INTEGER PRIMARY KEY: numbered by the
		// database, with no default written in the schema.
		facts = append(facts, column(tb, name, postgresType(typ), notNull, hasDefault && !generated, def)...)
	})
	// Index columns in order: the column's name, or <expression> (attnum 0).
	eachRow(t, db, `SELECT tc.relname, ic.relname, x.indisunique, x.indisprimary, x.indpred IS NOT NULL,
			COALESCE(con.contype, ''),
			array_to_string(ARRAY(SELECT CASE WHEN x.indkey[k - 1] = 0 THEN '<expression>' ELSE
					(SELECT attname FROM pg_attribute WHERE attrelid = x.indrelid AND attnum = x.indkey[k - 1]) END
				|| CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' desc' ELSE '' END
				FROM generate_series(1, x.indnatts) k ORDER BY k), ',')
		FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class tc ON tc.oid = x.indrelid
		JOIN pg_namespace n ON n.oid = tc.relnamespace
		LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype IN ('p', 'u')
		WHERE n.nspname = current_schema()`, nil, func(r *sql.Rows) {
		var tb, name, contype string
		var unique, primary, partial bool
		var list string
		scan(t, r, &tb, &name, &unique, &primary, &partial, &contype, &list)
		cols := strings.Split(list, ",")
		switch {
		case ignoredTable(tb):
		case primary:
			facts = append(facts, fmt.Sprintf("primary key %s (%s)", tb, strings.Join(cols, ", ")))
		case contype == "u":
			facts = append(facts, fmt.Sprintf("unique constraint %s (%s)", tb, strings.Join(cols, ", ")))
		default:
			facts = append(facts, index(tb, name, unique, partial, cols))
		}
	})
	actions := map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
	eachRow(t, db, `SELECT tc.relname, rc.relname, con.confdeltype, con.confupdtype,
			array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.i), ','),
			array_to_string(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
				JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.i), ',')
		FROM pg_constraint con JOIN pg_class tc ON tc.oid = con.conrelid JOIN pg_class rc ON rc.oid = con.confrelid
		JOIN pg_namespace n ON n.oid = tc.relnamespace
		WHERE con.contype = 'f' AND n.nspname = current_schema()`, nil, func(r *sql.Rows) {
		var tb, ref, del, upd string
		var cols, refCols string
		scan(t, r, &tb, &ref, &del, &upd, &cols, &refCols)
		if !ignoredTable(tb) {
			facts = append(facts, foreignKey(tb, strings.Split(cols, ","), ref, strings.Split(refCols, ","), actions[del], actions[upd]))
		}
	})
	return facts
}

func eachRow(t *testing.T, db *sql.DB, q string, args []any, fn func(*sql.Rows)) {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		fn(rows)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func scan(t *testing.T, r *sql.Rows, dest ...any) {
	t.Helper()
	if err := r.Scan(dest...); err != nil {
		t.Fatal(err)
	}
}

func queryString(t *testing.T, db *sql.DB, q string, args ...any) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRow(q, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s.String
}
