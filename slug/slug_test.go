package slug

import (
	"strings"
	"testing"
)

func TestFromMakesValidSlugs(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"Société Générale":             "societe-generale",
		"  ACME, Inc.  ":               "acme-inc",
		"Zürich – Nord":                "zurich-nord",
		"日本":                           "",
		"a" + strings.Repeat("-b", 40): strings.TrimRight(("a" + strings.Repeat("-b", 40))[:Max], "-"),
	} {
		got := From(name)
		if got != want {
			t.Errorf("From(%q) = %q, want %q", name, got, want)
		}
		if got != "" && !Valid(got) {
			t.Errorf("From(%q) = %q is not a valid slug", name, got)
		}
	}
}

func TestValid(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{"acme": true, "a-1": true, "": false, "-a": false, "a-": false, "A": false,
		"a_b": false, strings.Repeat("a", 63): true, strings.Repeat("a", 64): false} {
		if Valid(s) != want {
			t.Errorf("Valid(%q) = %v", s, !want)
		}
	}
}
