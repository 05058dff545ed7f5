package web

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/views"
)

// actionConstants reads store's source for every constant of type Action,
// so a constant added there is checked here without being listed twice.
func actionConstants(t *testing.T) map[string]string {
	t.Helper()
	files, _ := filepath.Glob("../store/*.go")
	consts := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Action" {
					continue
				}
				for i, name := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: %s is not a plain string constant", f, name.Name)
					}
					v, _ := strconv.Unquote(lit.Value)
					consts[name.Name] = v
				}
			}
		}
	}
	if len(consts) < 50 {
		t.Fatalf("found %d Action constants in store: the parse no longer matches store/actions.go", len(consts))
	}
	return consts
}

// TestAuditActionsAreConstants: every audit action is a store.Action
// constant, offered by the audit log's filter, labelled in English and
// French; and no code writes an action as a bare string.
func TestAuditActionsAreConstants(t *testing.T) {
	t.Parallel()
	consts := actionConstants(t)
	values := map[string]string{}
	for name, v := range consts {
		if other, dup := values[v]; dup {
			t.Errorf("%s and %s are both %q", name, other, v)
		}
		values[v] = name
		if !slices.Contains(views.AuditActions, v) {
			t.Errorf("store.%s (%q) is missing from views.AuditActions, the filter's list", name, v)
		}
	}
	for _, a := range views.AuditActions {
		if _, ok := values[a]; !ok {
			t.Errorf("views.AuditActions offers %q, which is no store.Action constant", a)
		}
	}
	for _, lang := range []string{"en", "fr"} {
		have := catalog(t, lang)
		for v, name := range values {
			if key := "audit_action_" + strings.ReplaceAll(v, ".", "_"); !have[key] {
				t.Errorf("store.%s (%q) has no %s label: %s is missing from the %s catalog", name, v, lang, key, lang)
			}
		}
	}

	// An action written as a literal escapes the list: the code names constants.
	// (Form view models have an Action too, but theirs is a URL: "/...".)
	literal := regexp.MustCompile(`Action: +"[a-z][a-z_.]*"|(?i)action(, [a-z]+)? :?= "[a-z][a-z_.]*"|SendLink\(.*"[a-z][a-z_.]*"\)|(download|sendReset)\(.*"[a-z]+\.[a-z_.]+"`)
	var files []string
	for _, glob := range []string{"../store/*.go", "*.go", "*/*.go"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "_templ.go") || strings.HasSuffix(f, "store/actions.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := literal.FindString(line); m != "" {
				t.Errorf("%s:%d writes an audit action as a string (%s): use a constant of store/actions.go", f, i+1, m)
			}
		}
	}
}

// TestAuditFilterOffersEveryAction: the audit log's filter, as served, offers
// every action constant with a label, in English and in French.
func TestAuditFilterOffersEveryAction(t *testing.T) {
	t.Parallel()
	consts := actionConstants(t)
	env := newEnv(t)
	for _, lang := range []string{"en", "fr"} {
		email := lang + "@acme.test"
		a := env.user(email, "admin", "active")
		p := profileOf(a, a.FirstName, a.LastName)
		p.Language = lang
		if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), a.ID, p); err != nil {
			t.Fatal(err)
		}
		res := env.signedIn(email).get("/audit")
		wantStatus(t, res, http.StatusOK)
		if got, _ := res.doc.Find("html").Attr("lang"); got != lang {
			t.Fatalf("the audit page speaks %q, want %q", got, lang)
		}
		offered := map[string]string{}
		res.doc.Find(`select[name="action"] option`).Each(func(_ int, o *goquery.Selection) {
			v, _ := o.Attr("value")
			offered[v] = strings.TrimSpace(o.Text())
		})
		for name, v := range consts {
			switch label, ok := offered[v]; {
			case !ok:
				t.Errorf("%s: the audit filter does not offer store.%s (%q)", lang, name, v)
			case label == "" || label == v:
				t.Errorf("%s: the audit filter shows store.%s unlabelled (%q)", lang, name, label)
			}
		}
	}
}
