package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// rowSource feeds the rows of one SQLite query to PostgreSQL's COPY,
// converting each value to the type of its target column. SQLite keeps any
// value in any column; a value PostgreSQL cannot hold (text that is not UTF-8,
// text in a number column) stops the copy with the table, column and row named.
type rowSource struct {
	table string
	cols  []pgColumn
	rows  *sql.Rows
	vals  []any
	ptrs  []any
	n     int64
	err   error
}

func newRowSource(table string, cols []pgColumn, rows *sql.Rows) *rowSource {
	r := &rowSource{table: table, cols: cols, rows: rows, vals: make([]any, len(cols)), ptrs: make([]any, len(cols))}
	for i := range r.vals {
		r.ptrs[i] = &r.vals[i]
	}
	return r
}

// Next reads the next row.
func (r *rowSource) Next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	if r.err = r.rows.Scan(r.ptrs...); r.err != nil {
		return false
	}
	r.n++
	return true
}

// Values converts the row for PostgreSQL, in place.
func (r *rowSource) Values() ([]any, error) {
	for i, c := range r.cols {
		v, err := convert(r.vals[i], c.typ)
		if err != nil {
			r.err = fmt.Errorf("table %s, row %d (%s = %v), column %s: %w", r.table, r.n, r.cols[0].name, r.vals[0], c.name, err)
			return nil, r.err
		}
		r.vals[i] = v
	}
	return r.vals, nil
}

// Err is what stopped the rows early, if anything.
func (r *rowSource) Err() error { return errors.Join(r.err, r.rows.Err()) }

// convert gives v, as SQLite's driver returned it (nil, int64, float64,
// string or []byte), the Go type that PostgreSQL's column type takes.
func convert(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "int8", "int4", "int2":
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			if x == float64(int64(x)) {
				return int64(x), nil
			}
		case string:
			if n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
				return n, nil
			}
		}
		return nil, fmt.Errorf("%T %q is not an integer", v, fmt.Sprint(v))
	case "text", "varchar", "bpchar":
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case []byte:
			s = string(x)
		case int64:
			s = strconv.FormatInt(x, 10)
		case float64:
			s = strconv.FormatFloat(x, 'g', -1, 64)
		default:
			return nil, fmt.Errorf("%T is not text", v)
		}
		if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
			return nil, errors.New("the text is not valid UTF-8 or holds a NUL byte, which PostgreSQL refuses")
		}
		return s, nil
	case "bytea":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
		return nil, fmt.Errorf("%T is not bytes", v)
	case "float8", "float4", "numeric":
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		}
		return nil, fmt.Errorf("%T is not a number", v)
	}
	return v, nil
}
