package filter

import (
	"errors"
	"strings"
	"testing"
)

// Every refusal is invalidFilter with a sentence naming what is wrong, and
// never a condition: an unknown attribute must not list every person.
func TestRefused(t *testing.T) {
	t.Parallel()
	mixed := Schema{
		"emails.value": {Expr: "e.value", Type: String, Exists: emailsExists},
		"emails.type":  {Const: "work", Type: String, Present: emailPresent},
	}
	checked := Schema{"userName": {Expr: "a.login", Type: String}, // a key not in lower case is never reached
		"x": {Expr: "a.x", Type: String, Value: func(string) (any, error) { return nil, errors.New("not a colour") }}}
	cases := []struct {
		name, filter string
		schema       Schema
		mention      string // the Detail names it
	}{
		{"a secret attribute is not filterable", `password eq "x"`, users, "password"},
		{"an unknown attribute with a number", `foo eq 1`, users, "foo"},
		{"an unknown sub-attribute inside a value path", `emails[display eq "x"]`, users, "emails.display"},
		{"an unknown URN is not the core one", `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "1"`, users, "employeeNumber"},
		{"a SQL expression is no attribute name", `a.login eq "x"`, users, "a.login"},
		{"gt on a boolean (RFC 7644 §3.4.2.2)", `active gt true`, users, "active"},
		{"co on a boolean", `active co "t"`, users, "active"},
		{"co on a dateTime", `meta.lastModified co "2011"`, users, "meta.lastModified"},
		{"gt on an id", `id gt "1"`, users, "id"},
		{"a number for a string", `userName eq 1`, users, "userName"},
		{"null is no value to compare with", `userName eq null`, users, "pr"},
		{"a boolean that is no boolean", `active eq "yes"`, users, "active"},
		{"a date that is no RFC 3339", `meta.lastModified gt "yesterday"`, users, "RFC 3339"},
		{"a boolean compared with a constant string", `emails.type eq true`, users, "emails.type"},
		{"the attribute's own conversion refuses the value", `x eq "blue"`, checked, "not a colour"},
		{"a mixed-case schema key is not matched", `userName eq "x"`, checked, "userName"},
		{"a value path over sub-attributes kept apart", `emails[type eq "work" and value eq "x"]`, mixed, "emails"},
		{"syntax: a comparison without value", `userName eq`, users, "syntax"},
		{"syntax: an unknown operator", `userName like "x"`, users, "syntax"},
		{"syntax: SQL after a value", `userName eq "x" OR 1=1`, users, "syntax"},
		{"syntax: unbalanced parenthesis", `(userName eq "x"`, users, "syntax"},
		{"syntax: three terms in a value path (the parser's grammar)", `emails[type eq "work" and value co "x" and primary eq true]`, users, "syntax"},
		{"a value path inside a value path", `emails[value[x eq "1"].y eq "2"]`, users, "value path"},
		{"the rewrite marker is no attribute", `$scimvp0.value eq "x"`, users, "$scimvp"},
		{"an empty filter: callers omit it", ``, users, "empty"},
		{"a blank filter", `   `, users, "empty"},
		{"too long", `userName eq "` + strings.Repeat("a", MaxLength-len(`userName eq ""`)+1) + `"`, users, "4096"},
		{"too many comparisons", strings.Repeat(`userName eq "a" or `, MaxComparisons) + `userName eq "b"`, users, "100"},
		{"too deep", strings.Repeat("(", MaxDepth+1) + `userName eq "a"` + strings.Repeat(")", MaxDepth+1), users, "16"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			where, args, err := Translate(c.filter, c.schema, userURN)
			if err == nil {
				t.Fatalf("Translate(%q) = %q %v, want invalidFilter", c.filter, where, args)
			}
			if where != "" || args != nil {
				t.Errorf("a refusal still gave SQL %q %v", where, args)
			}
			e := asError(t, err)
			if !strings.Contains(e.Detail, c.mention) {
				t.Errorf("Detail %q does not mention %q", e.Detail, c.mention)
			}
		})
	}
}

// The limits are not off by one: exactly MaxComparisons comparisons and
// MaxDepth parentheses are accepted.
func TestLimitsAccepted(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, filter string }{
		{"100 comparisons", strings.Repeat(`userName eq "a" or `, MaxComparisons-1) + `userName eq "b"`},
		{"16 parentheses", strings.Repeat("(", MaxDepth) + `userName eq "a"` + strings.Repeat(")", MaxDepth)},
		{"parentheses inside a value do not count", `userName eq "` + strings.Repeat("(", 40) + `"`},
		{"4096 bytes", `userName eq "` + strings.Repeat("a", MaxLength-len(`userName eq ""`)) + `"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if _, _, err := Translate(c.filter, users, userURN); err != nil {
				t.Errorf("Translate: %v", err)
			}
		})
	}
}

// Values travel as arguments, in the order of their placeholders, and the
// SQL nests as the parsed tree does.
func TestGeneratedSQL(t *testing.T) {
	t.Parallel()
	s := Schema{
		"username": {Expr: "a.login", Type: String, CaseExact: true},
		"active":   {Expr: "a.active", Type: Boolean},
	}
	where, args, err := Translate(`userName eq "a" or userName eq "x' --" and not (active eq true)`, s)
	if err != nil {
		t.Fatal(err)
	}
	want := "((a.login IS NOT NULL AND a.login = ?)) OR (((a.login IS NOT NULL AND a.login = ?)) AND (NOT ((a.active IS NOT NULL AND a.active = ?))))"
	if where != want {
		t.Errorf("SQL\n got %s\nwant %s", where, want)
	}
	if len(args) != 3 || args[0] != "a" || args[1] != "x' --" || args[2] != true {
		t.Errorf("args = %#v, want a, x' --, true", args)
	}
	if n := strings.Count(where, "?"); n != len(args) {
		t.Errorf("%d placeholders for %d args", n, len(args))
	}
}
