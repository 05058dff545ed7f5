package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
	"github.com/console-dev/console/web/api"
	"github.com/console-dev/console/web/scim"
)

const routePermissionsFile = "testdata/route_permissions.txt"

// routePermissionLines are the console's and the API's route tables as
// "METHOD PATH PERMISSION", API paths under api.Base, sorted by path then
// method so a changed permission shows as one changed line.
func routePermissionLines(h *Handler) []string {
	var lines []string
	for _, r := range h.Routes() {
		lines = append(lines, fmt.Sprintf("%s %s %s", r.Method, r.Path, r.Perm))
	}
	for _, r := range h.API().Routes() {
		lines = append(lines, fmt.Sprintf("%s %s %s", r.Method, api.Base+r.Path, r.Perm))
	}
	for _, r := range h.SCIM().Routes() {
		lines = append(lines, fmt.Sprintf("%s %s %s", r.Method, scim.Base+r.Path, r.Perm))
	}
	slices.SortFunc(lines, func(a, b string) int {
		ma, pa, _ := strings.Cut(a, " ")
		mb, pb, _ := strings.Cut(b, " ")
		if c := strings.Compare(pa, pb); c != 0 {
			return c
		}
		return strings.Compare(ma, mb)
	})
	return lines
}

const routePermissionsHeader = `# The permission every route requires, console, API and SCIM (web/routes.go,
# web/api/routes.go, web/scim/server.go): reviewed like code. A change here is a change of who may
# do what; regenerate it deliberately with
#   go test ./web -run TestRoutePermissions -update
# and let a reviewer read the diff.
`

// TestRoutePermissions compares the live route tables with the checked-in
// list of the permission each route requires: lowering a route's permission
// (or adding, removing a route) fails until the list is regenerated on purpose.
func TestRoutePermissions(t *testing.T) {
	t.Parallel()
	st, err := store.Open(context.Background(), storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, h, err := New(st, Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	got := routePermissionLines(h)
	if *update {
		if err := os.WriteFile(routePermissionsFile, []byte(routePermissionsHeader+strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(routePermissionsFile)
	if err != nil {
		t.Fatalf("%v (create it deliberately: go test ./web -run TestRoutePermissions -update)", err)
	}
	var want []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			want = append(want, strings.Join(strings.Fields(l), " "))
		}
	}
	wantPerm, gotPerm := byRoute(want), byRoute(got)
	var diffs []string
	for route, perm := range gotPerm {
		switch w, ok := wantPerm[route]; {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s requires %s, and %s does not list it", route, perm, routePermissionsFile))
		case w != perm:
			diffs = append(diffs, fmt.Sprintf("%s requires %s, %s says %s", route, perm, routePermissionsFile, w))
		}
	}
	for route, perm := range wantPerm {
		if _, ok := gotPerm[route]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s (%s) is listed in %s but is no route", route, perm, routePermissionsFile))
		}
	}
	if len(want) != len(wantPerm) {
		diffs = append(diffs, routePermissionsFile+" lists a route twice")
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Errorf("route permissions differ from the reviewed list:\n  %s\nIf the change is deliberate, regenerate the list and have the diff reviewed:\n  go test ./web -run TestRoutePermissions -update",
			strings.Join(diffs, "\n  "))
	}

	// What the server mounted is exactly the tables: no route added beside them.
	var mounted []string
	for _, r := range e.Routes() {
		mounted = append(mounted, r.Method+" "+r.Path)
	}
	var tables []string
	for route := range gotPerm {
		tables = append(tables, route)
	}
	slices.Sort(mounted)
	slices.Sort(tables)
	if !slices.Equal(mounted, tables) {
		t.Errorf("the server mounts routes other than its tables:\nmounted %v\ntables  %v", mounted, tables)
	}
}

// byRoute maps "METHOD PATH" to its permission.
func byRoute(lines []string) map[string]string {
	m := map[string]string{}
	for _, l := range lines {
		if i := strings.LastIndexByte(l, ' '); i > 0 {
			m[l[:i]] = l[i+1:]
		}
	}
	return m
}
