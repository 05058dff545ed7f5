package web

import (
	"testing"

	"github.com/console-dev/console/web/report"
)

func TestReportsNeutralizeFormulas(t *testing.T) {
	t.Parallel()
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
