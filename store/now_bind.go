package store

import (
	"strconv"
	"strings"
)

// bindNow turns the clock's times written into q by live (each after
// nowMark) into parameters, so that the text no longer changes every
// second: SQLite keeps one prepared statement for it and PostgreSQL one
// translated text, instead of parsing and planning the query on every call
// and keeping a new text each second. An unnumbered query gets each time at
// its place among the arguments; a numbered one (?1, ?2 …) gets them as the
// next numbers. A query mixing both is left as it is: stable is false when
// a time is still in the text (the query is then not kept prepared).
func bindNow(q string, args []any) (_ string, _ []any, stable bool) {
	if !strings.Contains(q, nowMark) {
		return q, args, true
	}
	var b strings.Builder
	b.Grow(len(q))
	out := make([]any, 0, len(args)+4)
	plain, numbered, top := 0, false, 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"': // a literal or a quoted name: copied as it is
			e := quotedEnd(q, i)
			b.WriteString(q[i:e])
			i = e - 1
		case c == '?':
			j := digitsEnd(q, i+1)
			if j > i+1 {
				numbered = true
				n, _ := strconv.Atoi(q[i+1 : j])
				top = max(top, n)
			} else if plain < len(args) {
				out = append(out, args[plain])
				plain++
			} else {
				return q, args, false
			}
			b.WriteString(q[i:j])
			i = j - 1
		case strings.HasPrefix(q[i:], nowMark):
			j := i + len(nowMark)
			k := digitsEnd(q, j)
			t, err := strconv.ParseInt(q[j:k], 10, 64)
			if err != nil {
				return q, args, false
			}
			b.WriteString("?" + "\x00") // numbered later, once the numbers used are known
			out = append(out, t)
			i = k - 1
		default:
			b.WriteByte(c)
		}
	}
	if !numbered {
		return strings.ReplaceAll(b.String(), "?\x00", "?"), append(out, args[plain:]...), true
	}
	if plain > 0 || top != len(args) {
		return q, args, false
	}
	// numbered: the times follow the caller's arguments, in order
	text := b.String()
	times := out
	out = append(append(make([]any, 0, len(args)+len(times)), args...), times...)
	for n := range times {
		text = strings.Replace(text, "?\x00", "?"+strconv.Itoa(top+n+1), 1)
	}
	return text, out, true
}
