package views

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestEveryAuditActionIsLabelled: an action the code writes is offered by the
// audit log's filter and labelled in both languages, so no event shows its
// raw name.
func TestEveryAuditActionIsLabelled(t *testing.T) {
	written := regexp.MustCompile(`Action: +"([a-z_.]+)"|action(?:, [a-z]+)? :?= "([a-z_.]+)"`)
	var files []string
	for _, glob := range []string{"../store/*.go", "../web/*.go", "../web/*/*.go"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range written.FindAllStringSubmatch(string(b), -1) {
			action := m[1] + m[2]
			found++
			if !slices.Contains(AuditActions, action) {
				t.Errorf("%s writes action %q, missing from AuditActions", f, action)
			}
		}
	}
	if found < 20 {
		t.Fatalf("found only %d actions: the pattern no longer matches the code", found)
	}
	for _, lang := range []string{"en", "fr"} {
		ctx := ForLang(t.Context(), lang)
		for _, a := range AuditActions {
			if ActionLabel(ctx, a) == a {
				t.Errorf("action %q has no %s label", a, lang)
			}
		}
	}
}
