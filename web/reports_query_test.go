package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// TestUserReportCarriesTableFilters: the report of a table URL lists exactly
// the people the table shows for it, whatever the page size.
func TestUserReportCarriesTableFilters(t *testing.T) {
	t.Parallel()
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
	if link != tp("/users/report?type=read_only&format=csv") {
		t.Fatalf("toolbar link %q", link)
	}
}

func TestReportBadInput(t *testing.T) {
	t.Parallel()
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
