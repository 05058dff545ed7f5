package form

import (
	"context"
	"strings"
	"testing"
)

// TestTextRefusesInvalidUTF8: bytes that are not UTF-8 get their own message
// beside the field, in text and in paragraphs.
func TestTextRefusesInvalidUTF8(t *testing.T) {
	ctx := context.Background()
	errs := map[string]string{}
	Text(ctx, errs, "name", "Sales \xff", true, 100)
	Paragraph(ctx, errs, "description", "caf\xe9", 300)
	Text(ctx, errs, "ok", "Ingénierie", true, 100)
	for _, f := range []string{"name", "description"} {
		if !strings.Contains(errs[f], "not UTF-8") {
			t.Errorf("%s: %q", f, errs[f])
		}
	}
	if errs["ok"] != "" {
		t.Errorf("valid text refused: %q", errs["ok"])
	}
}

// TestEncoded: the guard's reading of a raw form names the first bad field.
func TestEncoded(t *testing.T) {
	ctx := context.Background()
	many := strings.Repeat("role=1&", MaxIDs)
	for raw, want := range map[string]string{
		"":                         "",
		"name=Ing%C3%A9nierie&a=b": "",
		"name=%FF":                 "name",
		"%FE=1":                    "\uFFFD",
		many:                       "",
		many + "role=2":            "role",
		"q=%zz&name=%FF":           "name",
	} {
		if got, _ := Encoded(ctx, raw); got != want {
			t.Errorf("Encoded(%.40q) = %q, want %q", raw, got, want)
		}
	}
	if ids, msg := IDs(ctx, "role_ids", []int64{3, 1, 3, 2, 1}); msg != "" || len(ids) != 3 || ids[0] != 1 || ids[2] != 3 {
		t.Errorf("IDs dedup: %v %q", ids, msg)
	}
	if _, msg := IDs(ctx, "role_ids", make([]int64, MaxIDs+1)); !strings.Contains(msg, "role_ids") {
		t.Errorf("IDs past the limit: %q", msg)
	}
	if ids, _ := IDs(ctx, "x", []int64{}); ids == nil {
		t.Error("an empty list became nil")
	}
}
