package i18n

import (
	"context"
	"strconv"
	"strings"
)

// Num writes n with the language's digit grouping: 10,000 or 10 000.
func Num(ctx context.Context, n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if Lang(ctx) == "fr" {
		sep = "\u202f" // a narrow no-break space, as French typography groups digits
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}
