package scim

import (
	"encoding/json"
	"testing"
)

func TestParseID(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"42", true},
		{"0", false},
		{"-1", false},
		{"042", false}, // not canonical: not one of ours
		{"6a1c3f7e-0000-4000-8000-000000000000", false}, // Entra ID's probe with a GUID
		{"", false},
	} {
		if _, err := parseID(c.in); (err == nil) != c.ok {
			t.Errorf("parseID(%q) err = %v, want ok=%v", c.in, err, c.ok)
		}
	}
}

func TestPickEmail(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, emails, want string }{
		{"the primary one, whatever its type", `[{"value":"w@x","type":"work"},{"value":"p@x","type":"home","primary":true}]`, "p@x"},
		{"else the work one", `[{"value":"h@x","type":"home"},{"value":"w@x","type":"Work"}]`, "w@x"},
		{"else the first", `[{"value":"a@x"},{"value":"b@x"}]`, "a@x"},
		{"an element without value is skipped", `[{"type":"work","primary":true},{"value":"b@x"}]`, "b@x"},
		{"none", `[]`, ""},
	} {
		var v any
		if err := json.Unmarshal([]byte(c.emails), &v); err != nil {
			t.Fatal(err)
		}
		if got := pickEmail(v); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestProjection(t *testing.T) {
	t.Parallel()
	res := func() map[string]any {
		return map[string]any{"schemas": []any{"u"}, "id": "1", "userName": "a", "active": true,
			"name":   map[string]any{"givenName": "A", "familyName": "B"},
			"emails": []any{map[string]any{"value": "a@x", "type": "work"}}}
	}
	for _, c := range []struct {
		name string
		p    projection
		want string
	}{
		{"Entra ID: excludedAttributes drops the attribute", projection{except: attrSet("emails", "urn:u")},
			`{"schemas":["u"],"id":"1","userName":"a","active":true,"name":{"givenName":"A","familyName":"B"}}`},
		{"attributes keeps id and schemas", projection{only: attrSet("userName", "urn:u")}, `{"schemas":["u"],"id":"1","userName":"a"}`},
		{"attributes with a URN prefix and a sub-attribute", projection{only: attrSet("urn:u:name.givenName, emails.value", "urn:u")},
			`{"schemas":["u"],"id":"1","name":{"givenName":"A"},"emails":[{"value":"a@x"}]}`},
		{"excluded sub-attribute", projection{except: attrSet("name.familyName,id", "urn:u")},
			`{"schemas":["u"],"id":"1","userName":"a","active":true,"name":{"givenName":"A"},"emails":[{"value":"a@x","type":"work"}]}`},
	} {
		got, _ := json.Marshal(c.p.apply(res()))
		var a, b any
		_ = json.Unmarshal(got, &a)
		_ = json.Unmarshal([]byte(c.want), &b)
		ga, _ := json.Marshal(a)
		gb, _ := json.Marshal(b)
		if string(ga) != string(gb) {
			t.Errorf("%s:\n got  %s\n want %s", c.name, ga, gb)
		}
	}
}
