package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

func TestProjectList(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	long := strings.Repeat("x", 101)
	for _, tc := range []struct {
		name, project, description string
		status                     int
		want                       string
	}{
		{"created", "Apollo", "Moon", http.StatusSeeOther, ""},
		{"duplicate in another case", "APOLLO", "", http.StatusUnprocessableEntity, "Another project already has this name."},
		{"empty", "  ", "", http.StatusUnprocessableEntity, "This field is required."},
		{"long name", long, "", http.StatusUnprocessableEntity, "Use at most 100 characters."},
		{"long description", "Zeus", strings.Repeat("d", 301), http.StatusUnprocessableEntity, "Use at most 300 characters."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.post("/projects", url.Values{"name": {tc.project}, "description": {tc.description}})
			wantStatus(t, res, tc.status)
			if tc.want != "" && !strings.Contains(ptext(res, ".field-error"), tc.want) {
				t.Errorf("errors %q, want %q", ptext(res, ".field-error"), tc.want)
			}
		})
	}
	if n := len(mustProjects(t, env, store.ProjectFilter{IncludeArchived: true})); n != 1 {
		t.Fatalf("%d projects, want 1", n)
	}
	zeus := env.project("Zeus")
	res := c.post(projectPath(zeus, ""), url.Values{"name": {"Zeus"}, "description": {"Old"}, "archived": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	res = c.get("/projects")
	if strings.Contains(res.body, "Zeus") || !strings.Contains(res.body, "Apollo") {
		t.Fatal("an archived project is listed, or Apollo is not")
	}
	if res = c.get("/projects?archived=1"); !strings.Contains(ptext(res, "#pr-table"), "Zeus Archived") {
		t.Fatalf("Show archived: %q", ptext(res, "#pr-table"))
	}
	if res = c.get("/projects?q=apo", htmx("pr-table")...); strings.Contains(res.body, "<html") || !strings.Contains(res.body, "Apollo") {
		t.Fatal("search fragment")
	}
	// Keyset pages: 60 projects make two pages.
	for i := range 60 {
		env.project(fmt.Sprintf("P%02d", i))
	}
	res = c.get("/projects")
	next, _ := res.doc.Find("#pr-next").Attr("href")
	if res.doc.Find("tbody tr").Length() != projectsPerPage || next == "" {
		t.Fatalf("first page has %d rows, next %q", res.doc.Find("tbody tr").Length(), next)
	}
	if res = c.get(next); res.doc.Find("tbody tr").Length() != 11 {
		t.Fatalf("second page has %d rows", res.doc.Find("tbody tr").Length())
	}
	// French.
	env.french(env.admin)
	if res = c.get("/projects"); !strings.Contains(res.body, "Mal configurés seulement") {
		t.Fatal("no French")
	}
}

func mustProjects(t *testing.T, env *testEnv, f store.ProjectFilter) []store.Project {
	t.Helper()
	ps, err := env.st.Projects(context.Background(), env.tenant.ID, f)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}
