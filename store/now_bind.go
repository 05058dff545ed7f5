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
// next numbers. A query mixing both is left as it is.
func bindNow(q string, args []any) (string, []any) {
	if !strings.Contains(q, nowMark) {
		return q, args
	}
	var b strings.Builder
	b.Grow(len(q))
	out := make([]any, 0, len(args)+4)
	plain, numbered, top := 0, false, 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"': // a literal or a quoted name: copied as it is
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				b.WriteString(q[i:])
				i = len(q)
				continue
			}
			b.WriteString(q[i : i+j+2])
			i += j + 1
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				numbered = true
				n, _ := strconv.Atoi(q[i+1 : j])
				top = max(top, n)
			} else if plain < len(args) {
				out = append(out, args[plain])
				plain++
			} else {
				return q, args
			}
			b.WriteString(q[i:j])
			i = j - 1
		case strings.HasPrefix(q[i:], nowMark):
			j := i + len(nowMark)
			k := j
			for k < len(q) && q[k] >= '0' && q[k] <= '9' {
				k++
			}
			t, err := strconv.ParseInt(q[j:k], 10, 64)
			if err != nil {
				return q, args
			}
			b.WriteString("?" + "\x00") // numbered later, once the numbers used are known
			out = append(out, t)
			i = k - 1
		default:
			b.WriteByte(c)
		}
	}
	if !numbered {
		return strings.ReplaceAll(b.String(), "?\x00", "?"), append(out, args[plain:]...)
	}
	if plain > 0 || top != len(args) {
		return q, args
	}
	// numbered: the times follow the caller's arguments, in order
	text := b.String()
	times := out
	out = append(append(make([]any, 0, len(args)+len(times)), args...), times...)
	for n := range times {
		text = strings.Replace(text, "?\x00", "?"+strconv.Itoa(top+n+1), 1)
	}
	return text, out
}
