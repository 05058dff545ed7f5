package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/report"
)

var update = flag.Bool("update", false, "rewrite the golden files of the reports")

// reportTenant is a small tenant: an auditor through a direct role and a
// group, a read-only user, a user whose name is a formula, a service account,
// a module, and a project with a misconfigured person.
func reportTenant(t *testing.T) *testEnv {
	env := newEnv(t)
	ctx := context.Background()
	by := actorFor(env)
	aud := env.user("auditor@acme.test", "standard", "active", "auditor")
	reader := env.user("reader@acme.test", "read_only", "active", "user_manager")
	evil := env.user("mallory@acme.test", "standard", "active", "member")
	if _, err := env.st.UpdateProfile(ctx, by, evil.ID, profileOf(evil, "=HYPERLINK(\"http://x\")", "+33 1 23")); err != nil {
		t.Fatal(err)
	}
	env.user("idle@acme.test", "standard", "deactivated", "member")
	n := store.NewAccount{Profile: store.Profile{FirstName: "Billing", LastName: "Robot", Language: "en", TimeZone: "UTC",
		Currency: "USD", UserType: "standard"}, Kind: "service", Login: "billing-bot", Status: "active", AuthMethod: "password",
		RoleIDs: []int64{env.roles["member"]}}
	if _, err := env.st.CreateAccount(ctx, by, n); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.CreateModule(ctx, by, "billing", "Billing", ""); err != nil {
		t.Fatal(err)
	}
	g, err := env.st.CreateGroup(ctx, by, "Support", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, by, g.ID, []int64{env.roles["member"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.st.AddMembers(ctx, by, g.ID, []int64{aud.ID, reader.ID}); err != nil {
		t.Fatal(err)
	}
	p, err := env.st.CreateProject(ctx, by, "Apollo", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectUsers(ctx, by, p.ID, []int64{aud.ID}, "write", true); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectUsers(ctx, by, p.ID, []int64{reader.ID}, "write", false); err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectTeams(ctx, by, p.ID, []int64{g.ID}, "read"); err != nil {
		t.Fatal(err)
	}
	return env
}

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

func csvRows(t *testing.T, body string) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Fatalf("CSV without byte-order mark: %q", snippet(body))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func xlsxRows(t *testing.T, body string) (*excelize.File, string, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows { // GetRows drops trailing empty cells
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	return f, sheet, rows
}

func TestUserPermissionReportGolden(t *testing.T) {
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

func TestReportsNeutralizeFormulas(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+33": "'+33", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "Zoë": "Zoë", "": "", "a=b": "a=b"} {
		if got := report.Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
	env := reportTenant(t)
	c := env.signedIn("admin@acme.test")
	for _, format := range []string{"csv", "xlsx"} {
		body := c.get("/users/report?all=1&format=" + format).body
		var rows [][]string
		if format == "csv" {
			rows = csvRows(t, body)
		} else {
			_, _, rows = xlsxRows(t, body)
		}
		found := false
		for _, r := range rows {
			if r[0] == "mallory" {
				found = true
				if r[1] != `'=HYPERLINK("http://x")` || r[2] != "'+33 1 23" {
					t.Errorf("%s: formula cells %q %q", format, r[1], r[2])
				}
			}
		}
		if !found {
			t.Fatalf("%s: mallory missing", format)
		}
	}
}

// TestUserReportCarriesTableFilters: the report of a table URL lists exactly
// the people the table shows for it, whatever the page size.
func TestUserReportCarriesTableFilters(t *testing.T) {
	env := reportTenant(t)
	c := env.signedIn("admin@acme.test")
	for _, q := range []string{"", "type=read_only", "q=mal", "role=" + fmt.Sprint(env.roles["member"]) + "&deactivated=1",
		"status=deactivated", "norole=1&sort=email&dir=desc", "size=25&q=tester", "access=pending", "access=pending&q=ma"} {
		table := c.get("/users?" + q + "&size=200")
		var want []string
		table.doc.Find("#users-table tbody tr td:nth-child(2)").Each(func(_ int, s *goquery.Selection) {
			want = append(want, strings.TrimSpace(s.Text()))
		})
		rows := csvRows(t, c.get("/users/report?format=csv&"+q).body)
		var got []string
		for _, r := range rows[1:] {
			got = append(got, r[0])
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("?%s: report %v, table %v", q, got, want)
		}
	}
	// The toolbar links carry the table's filters.
	link, _ := c.get("/users?type=read_only").doc.Find("#report-view a").First().Attr("href")
	if link != "/users/report?type=read_only&format=csv" {
		t.Fatalf("toolbar link %q", link)
	}
}

func TestReportBadInput(t *testing.T) {
	env := reportTenant(t)
	other, otherRoles := env.newTenant("Other", "other")
	otherProject, err := env.st.CreateProject(context.Background(), store.Actor{TenantID: other.ID}, "Secret", "")
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("auditor@acme.test")
	for path, want := range map[string]int{
		"/users/report?format=pdf":                                http.StatusBadRequest,
		"/users/report?format=":                                   http.StatusOK, // CSV by default
		"/users/report?role=" + fmt.Sprint(otherRoles["member"]):  http.StatusNotFound,
		"/projects/report?project=" + fmt.Sprint(otherProject.ID): http.StatusNotFound,
		"/projects/report?project=abc":                            http.StatusBadRequest,
		"/projects/report?format=doc":                             http.StatusBadRequest,
	} {
		res := c.get(path)
		if res.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
		}
		if want == http.StatusBadRequest && !strings.Contains(res.body, "csv or xlsx") && strings.Contains(path, "format") {
			t.Errorf("%s: no clear message:\n%s", path, snippet(res.body))
		}
		if strings.Contains(res.body, "Secret") {
			t.Errorf("%s: another tenant's project leaked", path)
		}
	}
	if res := c.get("/audit/export?format=json"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("audit export in json: %d", res.StatusCode)
	}
	if res := c.get("/audit/export?format=csv&actor=admin@other.test"); res.StatusCode != http.StatusNotFound {
		t.Errorf("audit export by another tenant's actor: %d", res.StatusCode)
	}
	// A filter matching nothing: a header-only file, not an error.
	rows := csvRows(t, c.get("/users/report?format=csv&q=nobodyhere").body)
	if len(rows) != 1 || rows[0][0] != "Login" {
		t.Fatalf("empty report: %v", rows)
	}
	_, _, xrows := xlsxRows(t, c.get("/users/report?format=xlsx&q=nobodyhere").body)
	if len(xrows) != 1 {
		t.Fatalf("empty Excel report: %v", xrows)
	}
}

// TestAuditorDownloadsButChangesNothing: the built-in Auditor role reads the
// reports and the log, and every change is refused.
func TestAuditorDownloadsButChangesNothing(t *testing.T) {
	env := reportTenant(t)
	c := env.signedIn("auditor@acme.test")
	for _, path := range []string{"/users/report?format=xlsx", "/projects/report?format=csv", "/audit", "/audit/export?format=csv"} {
		wantStatus(t, c.get(path), http.StatusOK)
	}
	for _, r := range env.h.Routes() {
		// Public and own-account routes are not tenant changes.
		if r.Method != http.MethodPost || r.Perm == auth.Public || r.Perm == auth.SignedIn {
			continue
		}
		path := strings.NewReplacer(":id", id(env.admin)).Replace(r.Path)
		if res := c.post(path, url.Values{"days": {"90"}, "name": {"x"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("auditor POST %s: %d, want 403", path, res.StatusCode)
		}
	}
	// The downloads are audit events naming their filters.
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "report.user_permissions"})
	if len(ev) != 1 || ev[0].Details["format"] != "xlsx" {
		t.Fatalf("report event %+v", ev)
	}
	c.get("/users/report?format=csv&type=read_only&q=rea")
	ev, _ = env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "report.user_permissions", Limit: 1})
	if f, _ := ev[0].Details["filters"].(map[string]any); f["type"] != "read_only" || f["q"] != "rea" {
		t.Fatalf("report event filters %+v", ev[0].Details)
	}
	for _, action := range []string{"report.project_access", "audit.export"} {
		if n, _ := env.st.AuditCount(context.Background(), action); n != 1 {
			t.Errorf("%s: %d events, want 1", action, n)
		}
	}
}

func TestProjectAccessExportGolden(t *testing.T) {
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

// TestReportStopsWhenTheClientGoes: a failing writer or an ended context
// stops the query and returns an error.
func TestReportStopsWhenTheClientGoes(t *testing.T) {
	env := reportTenant(t)
	for i := range 300 {
		env.user(fmt.Sprintf("bulk%03d@acme.test", i), "standard", "active", "member")
	}
	for _, format := range []report.Format{report.CSV, report.XLSX} {
		w := &brokenWriter{limit: 2000}
		err := report.UserPermissions(context.Background(), env.st, w, format, env.tenant.ID, store.ReportFilter{All: true}, report.Options{Lang: "en"})
		if format == report.CSV && !errors.Is(err, errGone) {
			t.Errorf("%s: a broken connection gave %v", format, err)
		}
		if format == report.XLSX && err == nil {
			t.Errorf("%s: a broken connection gave no error", format)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err = report.UserPermissions(ctx, env.st, &bytes.Buffer{}, format, env.tenant.ID, store.ReportFilter{All: true}, report.Options{Lang: "en"})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: a cancelled request gave %v", format, err)
		}
	}
}

var errGone = errors.New("client gone")

type brokenWriter struct{ n, limit int }

func (w *brokenWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errGone
	}
	w.n += len(p)
	return len(p), nil
}
