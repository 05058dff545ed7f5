package testdb

import (
	"database/sql"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Raw is a plain connection to a test's database, for tests that read or
// write a table as someone holding the database would. Its queries take ?
// placeholders on both databases.
type Raw struct {
	*sql.DB
	pg bool
}

// Open connects to db (a path or a URL from DB) until tb ends.
func Open(tb testing.TB, db string) *Raw {
	tb.Helper()
	driver, dsn, pg := "sqlite", "file:"+db+"?_pragma=busy_timeout(10000)", false
	if strings.HasPrefix(db, "postgres") {
		driver, dsn, pg = "pgx", direct(db), true
	}
	d, err := sql.Open(driver, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	return &Raw{DB: d, pg: pg}
}

// Exec runs a statement.
func (r *Raw) Exec(q string, args ...any) (sql.Result, error) { return r.DB.Exec(r.text(q), args...) }

// Query runs a query.
func (r *Raw) Query(q string, args ...any) (*sql.Rows, error) { return r.DB.Query(r.text(q), args...) }

// QueryRow runs a query of one row.
func (r *Raw) QueryRow(q string, args ...any) *sql.Row { return r.DB.QueryRow(r.text(q), args...) }

// text numbers the placeholders for PostgreSQL.
func (r *Raw) text(q string) string {
	if !r.pg {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
