package api

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var param = regexp.MustCompile(`:([a-z_]+)`)

// TestOpenAPIMatchesRoutes fails when a route of the table is missing from
// the document, or the document names a route that does not exist, or the
// permission it states differs.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi %q, want 3.1", doc.OpenAPI)
	}
	documented := map[string]string{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			perm, _ := op["x-permission"].(string)
			documented[strings.ToUpper(method)+" "+path] = perm
		}
	}
	var table []string
	for _, r := range (&API{}).Routes() {
		key := r.Method + " " + param.ReplaceAllString(r.Path, "{$1}")
		table = append(table, key)
		perm, ok := documented[key]
		switch {
		case !ok:
			t.Errorf("route %s is missing from openapi.json", key)
		case perm != string(r.Perm):
			t.Errorf("%s: openapi.json says permission %q, the table %q", key, perm, r.Perm)
		}
	}
	for key := range documented {
		if !slices.Contains(table, key) {
			t.Errorf("openapi.json names %s, which is no route", key)
		}
	}
}
