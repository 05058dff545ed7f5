package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// auditorKey signs the tenant's auditor in to the console and gives it an API
// key; its last activity is pinned so both sides write the same file.
func auditorKey(t *testing.T, env *testEnv) (*client, string, store.APIKey) {
	t.Helper()
	ctx := context.Background()
	c := env.signedIn("auditor@acme.test")
	aud, err := env.st.AccountByEmail(ctx, env.tenant.ID, "auditor@acme.test")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.TouchActive(ctx, aud.ID, time.Date(2099, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	key, k := env.keyFor(aud, time.Time{})
	return c, key, k
}

// TestAPIReportsSameAsConsole: the same query gives the same file through the
// console and the API, in both formats, for the users table's every filter.
func TestAPIReportsSameAsConsole(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	c, key, k := auditorKey(t, env)
	member := fmt.Sprint(env.roles["member"])
	for _, q := range []string{"", "all=1", "type=read_only", "q=mal", "role=" + member + "&deactivated=1", "status=deactivated",
		"norole=1&sort=email&dir=desc", "access=pending", "access=pending&q=ma", "q=nobodyhere"} {
		api := env.call(key, http.MethodGet, "/reports/user-permissions?format=csv&"+q, nil)
		wantAPI(t, api, http.StatusOK)
		console := c.get("/users/report?format=csv&" + q)
		if api.raw != console.body {
			t.Errorf("?%s: the API's file differs from the console's:\n--- api\n%s\n--- console\n%s", q, api.raw, console.body)
		}
	}
	if rows := csvRows(t, env.call(key, http.MethodGet, "/reports/user-permissions?q=nobodyhere", nil).raw); len(rows) != 1 {
		t.Errorf("a filter matching nothing: %v, want the header alone", rows)
	}
	_, _, want := xlsxRows(t, c.get("/users/report?format=xlsx&type=read_only").body)
	res := env.call(key, http.MethodGet, "/reports/user-permissions?format=xlsx&type=read_only", nil)
	wantAPI(t, res, http.StatusOK)
	day := time.Now().UTC().Format(time.DateOnly)
	if cd := res.header.Get("Content-Disposition"); cd != `attachment; filename=acme-user-permissions-`+day+`.xlsx` {
		t.Errorf("Content-Disposition %q", cd)
	}
	_, _, got := xlsxRows(t, res.raw)
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != 2 {
		t.Errorf("Excel: API %v, console %v", got, want)
	}
	projects, _ := env.st.Projects(context.Background(), env.tenant.ID, store.ProjectFilter{})
	for _, q := range []string{"format=csv", fmt.Sprintf("format=csv&project=%d", projects[0].ID)} {
		console := c.get("/projects/report?" + q) // first: the API's event is the last
		api := env.call(key, http.MethodGet, "/reports/project-access?"+q, nil)
		wantAPI(t, api, http.StatusOK)
		if api.raw != console.body {
			t.Errorf("?%s: project export differs:\n%s\n---\n%s", q, api.raw, console.body)
		}
	}
	// The downloads are audit events naming their filters and the key.
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "report.user_permissions", Limit: 1})
	f, _ := ev[0].Details["filters"].(map[string]any)
	if ev[0].Details["format"] != "xlsx" || f["type"] != "read_only" || num(ev[0].Details["api_key_id"]) != k.ID {
		t.Errorf("report event %+v", ev[0].Details)
	}
	ev, _ = env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "report.project_access", Limit: 1})
	if f, _ := ev[0].Details["filters"].(map[string]any); num(f["project"]) != projects[0].ID || num(ev[0].Details["api_key_id"]) != k.ID {
		t.Errorf("project export event %+v", ev[0].Details)
	}
}

// TestAPIAuditExportSameAsConsole: the audit export through the API is the
// console's for the same filters, and is itself an audit event.
func TestAPIAuditExportSameAsConsole(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	c, key, k := auditorKey(t, env)
	g, err := env.st.CreateGroup(context.Background(), actorFor(env), "Auditors", "")
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC().Format(time.DateOnly)
	for _, q := range [][2]string{ // API, console; the last one is checked below
		{"action=group.create", "action=group.create"},
		{"target_type=group&target_id=" + fmt.Sprint(g.ID), "type=group&target=" + fmt.Sprint(g.ID)},
		{"actor=admin@acme.test&to=2099-01-01", "actor=admin@acme.test&to=2099-01-01"},
		{"actor=auditor&from=" + today, "actor=auditor&from=" + today},
	} {
		api, console := q[0], q[1]
		// Exports add events: the console's goes first, so filter what it adds out.
		want := c.get("/audit/export?format=csv&" + console).body
		res := env.call(key, http.MethodGet, "/audit?format=csv&"+api, nil)
		wantAPI(t, res, http.StatusOK)
		if strings.HasPrefix(api, "actor=auditor") {
			if n := len(csvRows(t, res.raw)); n != len(csvRows(t, want))+1 {
				t.Errorf("?%s: %d rows, want the console's %d and its export event", api, n, len(csvRows(t, want)))
			}
			continue
		}
		if res.raw != want {
			t.Errorf("?%s: API export differs:\n%s\n--- console\n%s", api, res.raw, want)
		}
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "audit.export", Limit: 1})
	f, _ := ev[0].Details["filters"].(map[string]any)
	if f["actor"] != "auditor" || f["from"] == nil || num(ev[0].Details["api_key_id"]) != k.ID {
		t.Errorf("export event %+v", ev[0].Details)
	}
}
