package store

import (
	"strconv"
	"strings"
)

// The store's SQL is written once, in the language SQLite and PostgreSQL
// share (string_agg, ON CONFLICT, RETURNING, CAST, CASE), with SQLite's
// placeholders (? and ?N). On PostgreSQL each query text passes once through
// pgText, which numbers the placeholders ($N); the result is cached by query
// text.

// pgText rewrites one query's placeholders for PostgreSQL.
func pgText(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	next := 1
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '\'', '"': // a literal or a quoted name: copied as it is
			e := quotedEnd(q, i)
			b.WriteString(q[i:e])
			i = e - 1
		case '?':
			j := digitsEnd(q, i+1)
			n := next
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			next = max(next, n+1)
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// quotedEnd is the index just past the literal or quoted name that opens
// at q[i] (the end of q when it is not closed).
func quotedEnd(q string, i int) int {
	if j := strings.IndexByte(q[i+1:], q[i]); j >= 0 {
		return i + j + 2
	}
	return len(q)
}

// digitsEnd is the index past the digits from q[i] on.
func digitsEnd(q string, i int) int {
	for i < len(q) && q[i] >= '0' && q[i] <= '9' {
		i++
	}
	return i
}

// sql is the query and its arguments as this store's database takes them.
func (s *Store) sql(q string, args []any) (string, []any) {
	q, args, _ = bindNow(q, args)
	if !s.pg {
		return q, args
	}
	if t, ok := s.texts.Load(q); ok {
		return t.(string), pgArgs(args)
	}
	t := pgText(q)
	s.texts.Store(q, t)
	return t, pgArgs(args)
}

// pgArgs passes Go booleans as the 0 and 1 the columns hold, as SQLite's
// driver does; args stays the caller's.
func pgArgs(args []any) []any {
	var out []any
	for i, a := range args {
		if b, ok := a.(bool); ok {
			if out == nil {
				out = append([]any(nil), args...)
			}
			out[i] = int64(0)
			if b {
				out[i] = int64(1)
			}
		}
	}
	if out == nil {
		return args
	}
	return out
}
