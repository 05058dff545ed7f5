package ops_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// frontDoors are the packages that answer requests: they read through the
// store freely but write only through the operations.
var frontDoors = []string{"../web", "../web/api", "../web/scim"}

// TestFrontDoorsWriteOnlyThroughOps fails when a console, API or SCIM handler
// calls a store method that writes (one whose body opens a transaction or
// executes a statement), so no rule can be skipped by a new front door.
func TestFrontDoorsWriteOnlyThroughOps(t *testing.T) {
	writes := storeWrites(t)
	if len(writes) < 30 || !writes["SetRoles"] || !writes["CreateAccount"] {
		t.Fatalf("found only %d writing store methods: the scan is broken", len(writes))
	}
	for _, dir := range frontDoors {
		for _, f := range parseDir(t, dir) {
			ast.Inspect(f.file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !writes[sel.Sel.Name] {
					return true
				}
				if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "store" {
					t.Errorf("%s: %s calls store.%s: write through ops instead", f.path, f.pos(call), sel.Sel.Name)
				}
				return true
			})
		}
	}
}

// storeWrites names the methods of *store.Store that write: those whose
// body opens a transaction or executes a statement, or calls another method
// of the store that does (SetRoles through changeRoles), to a fixed point.
func storeWrites(t *testing.T) map[string]bool {
	calls := map[string][]string{} // method → the store's methods it calls
	direct := map[string]bool{}
	exported := map[string]bool{}
	for _, f := range parseDir(t, "../store") {
		for _, d := range f.file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Body == nil || recvName(fn) != "Store" {
				continue
			}
			name := fn.Name.Name
			exported[name] = ast.IsExported(name)
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
						if id, ok := sel.X.(*ast.Ident); ok && id.Name == "s" {
							calls[name] = append(calls[name], sel.Sel.Name)
							if slices.Contains([]string{"tx", "exec", "txSerializable", "writeRow", "writeRows"}, sel.Sel.Name) {
								direct[name] = true
							}
						}
					}
				}
				return true
			})
		}
	}
	for changed := true; changed; {
		changed = false
		for name, callees := range calls {
			if !direct[name] && slices.ContainsFunc(callees, func(c string) bool { return direct[c] }) {
				direct[name], changed = true, true
			}
		}
	}
	out := map[string]bool{}
	for name := range direct {
		if exported[name] {
			out[name] = true
		}
	}
	return out
}

func recvName(fn *ast.FuncDecl) string {
	t := fn.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	id, _ := t.(*ast.Ident)
	if id == nil {
		return ""
	}
	return id.Name
}

type parsed struct {
	path string
	file *ast.File
	fset *token.FileSet
}

func (p parsed) pos(n ast.Node) string { return p.fset.Position(n.Pos()).String() }

// parseDir parses a package's non-test files; a missing folder (SCIM before
// it exists) has none.
func parseDir(t *testing.T, dir string) []parsed {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []parsed
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, parsed{path: p, file: f, fset: fset})
	}
	return out
}

// TestOnlyTheConsoleImportsViews: the HTML package is the console's; the
// JSON API and everything it builds on (the operations, the store, the
// translator, the shared parsers and writers) import none of it, so no page
// concern leaks into what an API caller gets.
func TestOnlyTheConsoleImportsViews(t *testing.T) {
	for _, dir := range []string{"../web/api", "../web/query", "../web/query/filter", "form", "../web/report",
		"../web/mail", ".", "../store", "../auth", "../i18n"} {
		for _, f := range parseDir(t, dir) {
			for _, imp := range f.file.Imports {
				if imp.Path.Value == `"github.com/console-dev/console/views"` || imp.Path.Value == `"github.com/console-dev/console/web"` {
					t.Errorf("%s imports %s", f.path, imp.Path.Value)
				}
			}
		}
	}
}
