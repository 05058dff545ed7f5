package web

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

var update = flag.Bool("update", false, "rewrite the golden files of the reports")

// viewer signs in as the tenant's auditor, reading in lang and Paris time; the
// auditor's last activity is pinned far ahead so signing in does not move it,
// and the reader's is set, so the files are the same on every run.
func viewer(t *testing.T, env *testEnv, lang string) *client {
	ctx := context.Background()
	aud, err := env.st.AccountByEmail(ctx, env.tenant.ID, "auditor@acme.test")
	if err != nil {
		t.Fatal(err)
	}
	p := profileOf(aud, aud.FirstName, aud.LastName)
	p.Language, p.TimeZone = lang, "Europe/Paris"
	if _, err := env.st.UpdateProfile(ctx, actorFor(env), aud.ID, p); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("auditor@acme.test")
	reader, _ := env.st.AccountByEmail(ctx, env.tenant.ID, "reader@acme.test")
	for id, at := range map[int64]time.Time{aud.ID: time.Date(2099, 1, 2, 3, 4, 5, 0, time.UTC),
		reader.ID: time.Date(2025, 3, 30, 12, 0, 0, 0, time.UTC)} {
		if err := env.st.TouchActive(ctx, id, at); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Fatalf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestUserPermissionReportGolden(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	c := viewer(t, env, "en")
	res := c.get("/users/report?all=1&format=csv")
	wantStatus(t, res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Fatalf("content type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename=acme-user-permissions-\d{4}-\d\d-\d\d\.csv$`).MatchString(cd) {
		t.Fatalf("content disposition %q", cd)
	}
	golden(t, "user-permissions.csv", res.body)
	fromCSV := csvRows(t, res.body)

	res = c.get("/users/report?all=1&format=xlsx")
	wantStatus(t, res, http.StatusOK)
	f, sheet, fromXLSX := xlsxRows(t, res.body)
	// Excel's Last active is a date: the CSV's stamp without its offset.
	for _, r := range fromCSV[1:] {
		r[8], _, _ = strings.Cut(r[8], " +")
	}
	if fmt.Sprint(fromXLSX) != fmt.Sprint(fromCSV) {
		t.Fatalf("Excel and CSV differ:\n%v\n%v", fromXLSX, fromCSV)
	}
	if sheet != "User permissions" {
		t.Fatalf("sheet %q", sheet)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Fatalf("header row not frozen: %+v %v", panes, err)
	}
	style, _ := f.GetCellStyle(sheet, "A1")
	st, err := f.GetStyle(style)
	if err != nil || st.Font == nil || !st.Font.Bold {
		t.Fatalf("header not bold: %+v %v", st, err)
	}
	if w, _ := f.GetColWidth(sheet, "D"); w < 20 {
		t.Fatalf("email column %v wide", w)
	}
	filter := ""
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm._FilterDatabase" {
			filter = n.RefersTo
		}
	}
	if want := fmt.Sprintf("'User permissions'!$A$1:$L$%d", len(fromCSV)); filter != want {
		t.Fatalf("autofilter %q, want %q", filter, want)
	}
}

func TestUserPermissionReportFrench(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	c := viewer(t, env, "fr")
	rows := csvRows(t, c.get("/users/report?all=1&format=csv").body)
	if strings.Join(rows[0][:4], "|") != "Identifiant|Prénom|Nom|E-mail" {
		t.Fatalf("French header %v", rows[0])
	}
	body := fmt.Sprint(rows)
	for _, want := range []string{"Auditeur (direct)", "groupe Support", "Compte de service", "Lecture seule", "Voir les utilisateurs"} {
		if !strings.Contains(body, want) {
			t.Errorf("French report lacks %q:\n%v", want, rows)
		}
	}
	_, sheet, _ := xlsxRows(t, c.get("/users/report?all=1&format=xlsx").body)
	if sheet != "Permissions des utilisateurs" {
		t.Fatalf("French sheet %q", sheet)
	}
}

func TestProjectAccessExportGolden(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	c := viewer(t, env, "en")
	res := c.get("/projects/report?format=csv")
	wantStatus(t, res, http.StatusOK)
	golden(t, "users-and-projects.csv", res.body)
	_, _, x := xlsxRows(t, c.get("/projects/report?format=xlsx").body)
	if fmt.Sprint(x) != fmt.Sprint(csvRows(t, res.body)) {
		t.Fatalf("Excel and CSV differ")
	}
	projects, _ := env.st.Projects(context.Background(), env.tenant.ID, store.ProjectFilter{})
	one := csvRows(t, c.get(fmt.Sprintf("/projects/report?format=csv&project=%d", projects[0].ID)).body)
	if len(one) != 3 { // header, the auditor, the reader
		t.Fatalf("one project's export: %v", one)
	}
}
