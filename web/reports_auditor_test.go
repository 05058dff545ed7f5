package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// TestAuditorDownloadsButChangesNothing: the built-in Auditor role reads the
// reports and the log, and every change is refused.
func TestAuditorDownloadsButChangesNothing(t *testing.T) {
	t.Parallel()
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
	for _, action := range []store.Action{store.ActionReportProjectAccess, store.ActionAuditExport} {
		if n, _ := env.st.AuditCount(context.Background(), action); n != 1 {
			t.Errorf("%s: %d events, want 1", action, n)
		}
	}
}
