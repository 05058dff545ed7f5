package patch

import "testing"

// things is a test schema with one sub-attribute of each comparable type.
var things = Schema{URN: "urn:test:Thing", Attrs: []Attr{{Name: "items", Type: Complex, Multi: true, Sub: []Attr{
	{Name: "value"}, {Name: "code", CaseExact: true}, {Name: "n", Type: Integer},
	{Name: "at", Type: DateTime}, {Name: "on", Type: Boolean},
}}}}

const items = `{"items":[
{"value":"Alpha","code":"AB","n":1,"at":"2024-01-01T00:00:00Z","on":true},
{"value":"beta","code":"ab","n":5,"at":"2025-06-01T12:00:00Z"},
{"value":"Gamma","n":10,"on":false}]}`

// TestFilterEvaluation removes the elements a filter selects and checks which
// values remain, so each row shows what the filter matched.
func TestFilterEvaluation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, filter, left string }{
		{"eq is case-insensitive on a plain string", `value eq "ALPHA"`, "beta Gamma"},
		{"eq is case-exact on a caseExact sub-attribute", `code eq "ab"`, "Alpha Gamma"},
		{"ne", `value ne "beta"`, "beta"},
		{"co", `value co "MM"`, "Alpha beta"},
		{"sw", `value sw "b"`, "Alpha Gamma"},
		{"ew", `value ew "MMA"`, "Alpha beta"},
		{"pr skips absent code", `code pr`, "Gamma"},
		{"gt on integers", `n gt 1`, "Alpha"},
		{"ge on integers", `n ge 5`, "Alpha"},
		{"lt on integers", `n lt 5`, "beta Gamma"},
		{"le on integers", `n le 5`, "Gamma"},
		{"gt on dateTime", `at gt "2024-06-01T00:00:00Z"`, "Alpha Gamma"},
		{"lt on strings is case-insensitive", `value lt "B"`, "beta Gamma"},
		{"boolean eq", `on eq true`, "beta Gamma"},
		{"Entra ID: boolean compared with a string", `on eq "False"`, "Alpha beta"},
		{"and", `n gt 1 and value sw "g"`, "Alpha beta"},
		{"or", `value eq "alpha" or n eq 10`, "beta"},
		{"not", `not (value eq "beta")`, "beta"},
		{"and binds tighter than or", `value eq "gamma" or value eq "alpha" and n eq 5`, "Alpha beta"},
		{"parentheses override precedence", `(value eq "gamma" or value eq "alpha") and n eq 5`, "Alpha beta Gamma"},
		{"three terms with and", `value pr and n pr and code pr`, "Gamma"},
		{"escaped quote in a string", `value eq "a\"b"`, "Alpha beta Gamma"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := decode(t, items).(map[string]any)
			o := []Operation{{Op: "remove", Path: "items[" + tc.filter + "]"}}
			if err := Apply(res, o, things); err != nil {
				t.Fatal(err)
			}
			left := ""
			for _, el := range asList(res["items"]) {
				if left != "" {
					left += " "
				}
				left += el.(map[string]any)["value"].(string)
			}
			if left != tc.left {
				t.Errorf("left %q, want %q", left, tc.left)
			}
		})
	}
}

func TestFilterErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, filter string }{
		{"unknown sub-attribute", `colour eq "red"`},
		{"gt on a boolean", `on gt true`},
		{"co on an integer", `n co 1`},
		{"a string that is no integer", `n eq "many"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := decode(t, items).(map[string]any)
			err := Apply(res, []Operation{{Op: "remove", Path: "items[" + tc.filter + "]"}}, things)
			scimErr(t, err, InvalidFilter, 400)
		})
	}
}
