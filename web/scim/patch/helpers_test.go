package patch

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad test JSON %s: %v", s, err)
	}
	return v
}

// sameAs fails unless got, as JSON, equals the JSON text want.
func sameAs(t *testing.T, got map[string]any, want string) {
	t.Helper()
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("result does not marshal: %v", err)
	}
	if !reflect.DeepEqual(decode(t, string(b)), decode(t, want)) {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// scimErr fails unless err is an *Error of status 400 (unless status given) and scimType.
func scimErr(t *testing.T, err error, scimType string, status int) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error %s, got %v", scimType, err)
	}
	if e.ScimType != scimType || e.Status != status {
		t.Errorf("got %d %q (%s), want %d %q", e.Status, e.ScimType, e.Detail, status, scimType)
	}
}

func ops(t *testing.T, s string) []Operation {
	t.Helper()
	var o []Operation
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		t.Fatalf("bad ops %s: %v", s, err)
	}
	return o
}

type applyCase struct {
	name    string
	schema  Schema
	res     string
	ops     string
	want    string // resource after the operations
	errType string // or the scimType of the 400
}

func runApply(t *testing.T, cases []applyCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := decode(t, tc.res).(map[string]any)
			err := Apply(res, ops(t, tc.ops), tc.schema)
			if tc.errType != "" {
				scimErr(t, err, tc.errType, 400)
				return
			}
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			sameAs(t, res, tc.want)
		})
	}
}
