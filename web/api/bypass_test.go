//go:build !bench

package api

import (
	"reflect"
	"testing"
)

// TestNoAuthBypassInProduction: the benchmark's way around key
// authentication exists only in a build tagged bench.
func TestNoAuthBypassInProduction(t *testing.T) {
	t.Parallel()
	if m, ok := reflect.TypeOf(&API{}).MethodByName("Bypass"); ok {
		t.Fatalf("the API has %s in a production build: keep it in bypass_bench.go (//go:build bench)", m.Name)
	}
}
