// Package slug is the rule of a tenant's slug, the name its URLs carry
// (/t/<slug>/…): a leaf both the views (reading URLs) and the operations
// (creating tenants) use, so a slug the console accepts is one its URLs read.
package slug

import (
	"strings"

	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Max is the longest slug: a DNS label's length, so a slug can name a host too.
const Max = 63

// Valid reports whether s is 1 to 63 lower-case letters, digits and inner hyphens.
func Valid(s string) bool {
	if len(s) == 0 || len(s) > Max || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// From suggests a slug for a name: accents dropped, lower case, every other
// run of characters one hyphen ("Société Générale" → "societe-generale");
// "" when nothing is left.
func From(name string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(t, name)
	if err != nil {
		plain = name
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(plain) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	s := b.String()
	if len(s) > Max {
		s = strings.TrimRight(s[:Max], "-")
	}
	return s
}
