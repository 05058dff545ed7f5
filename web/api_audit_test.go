package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPIAuditPaging walks the log with cursors: newest first, every event
// once, a null cursor at the end; filters narrow it as the store does.
func TestAPIAuditPaging(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	_, key, _ := auditorKey(t, env)
	ctx := context.Background()
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Renamed later", "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 7 {
		if _, err := env.st.UpdateGroup(ctx, actorFor(env), g.ID, fmt.Sprintf("Team %d", i), ""); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := env.st.AuditEntries(ctx, env.tenant.ID, store.AuditFilter{Limit: 500})
	var ids []int64
	cursor, pages := "", 0
	for {
		res := env.call(key, http.MethodGet, "/audit?limit=4&cursor="+url.QueryEscape(cursor), nil)
		wantAPI(t, res, http.StatusOK)
		pages++
		items, _ := res.body["items"].([]any)
		if len(items) > 4 || pages > 50 {
			t.Fatalf("page %d: %d items", pages, len(items))
		}
		for _, x := range items {
			ids = append(ids, num(x.(map[string]any)["id"]))
		}
		next, ok := res.body["next_cursor"].(string)
		if !ok {
			break
		}
		cursor = next
	}
	if len(ids) != len(all) {
		t.Fatalf("walked %d events in %d pages, the log holds %d", len(ids), pages, len(all))
	}
	for i, e := range all {
		if ids[i] != e.ID {
			t.Fatalf("event %d: id %d, want %d (newest first, each once)", i, ids[i], e.ID)
		}
	}

	// One item in full: UTC time, actor, the target by its current name.
	res := env.call(key, http.MethodGet, fmt.Sprintf("/audit?target_type=group&target_id=%d&limit=200", g.ID), nil)
	wantAPI(t, res, http.StatusOK)
	items := res.body["items"].([]any)
	if len(items) != 8 || res.body["next_cursor"] != nil {
		t.Fatalf("group's events: %d, next %v", len(items), res.body["next_cursor"])
	}
	it := items[0].(map[string]any)
	actor, _ := it["actor"].(map[string]any)
	target, _ := it["target"].(map[string]any)
	at, err := time.Parse(time.RFC3339, fmt.Sprint(it["at"]))
	if err != nil || !strings.HasSuffix(fmt.Sprint(it["at"]), "Z") || at.IsZero() {
		t.Errorf("at %v", it["at"])
	}
	if it["action"] != "group.update" || it["ip"] != "test" || actor["email"] != "admin@acme.test" || num(actor["id"]) != env.admin.ID ||
		target["type"] != "group" || num(target["id"]) != g.ID || target["name"] != "Team 6" {
		t.Errorf("item %+v", it)
	}
	if d, _ := it["details"].(map[string]any); d["before"] == nil || d["after"] == nil {
		t.Errorf("details %+v", it["details"])
	}

	// Filters, each against the store's own answer.
	today := time.Now().UTC().Format(time.DateOnly)
	for q, f := range map[string]store.AuditFilter{
		"action=group.update":            {Action: "group.update"},
		"actor=admin":                    {ActorID: env.admin.ID},
		"actor=admin@acme.test":          {ActorID: env.admin.ID},
		"target_type=group":              {TargetType: "group"},
		"from=" + today + "&to=" + today: {},
		"to=2000-01-01T00:00:00Z":        {To: time.Date(2000, 1, 1, 0, 0, 1, 0, time.UTC)},
		"action=nothing.happened":        {Action: "nothing.happened"},
	} {
		f.Limit = 200
		want, _ := env.st.AuditEntries(ctx, env.tenant.ID, f)
		res := env.call(key, http.MethodGet, "/audit?limit=200&"+q, nil)
		wantAPI(t, res, http.StatusOK)
		if items, ok := res.body["items"].([]any); !ok || len(items) != len(want) {
			t.Errorf("?%s: %d items, want %d", q, len(items), len(want))
		}
	}

	// A deleted group's history stays searchable by its id.
	if err := env.st.DeleteGroup(ctx, actorFor(env), g.ID, 0); err != nil {
		t.Fatal(err)
	}
	res = env.call(key, http.MethodGet, fmt.Sprintf("/audit?target_type=group&target_id=%d&limit=1", g.ID), nil)
	wantAPI(t, res, http.StatusOK)
	if it := res.body["items"].([]any)[0].(map[string]any); it["action"] != "group.delete" || it["target"].(map[string]any)["name"] != nil {
		t.Errorf("deleted group's event %+v", it)
	}
}

// TestAPIReportsBadInput: malformed filters are 422 naming the field, another
// tenant's ids 404, and nothing of the other tenant shows.
func TestAPIReportsBadInput(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	_, key, _ := auditorKey(t, env)
	ctx := context.Background()
	other, otherRoles := env.newTenant("Other", "other")
	otherAdmin := env.userIn(other.ID, otherRoles, "admin@other.test", "admin", "active")
	otherProject, err := env.st.CreateProject(ctx, store.Actor{TenantID: other.ID}, "Secret", "")
	if err != nil {
		t.Fatal(err)
	}
	otherGroup, err := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID, AccountID: otherAdmin.ID}, "Hidden", "")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 201)
	for path, field := range map[string]string{
		"/reports/user-permissions?format=pdf":                     "format",
		"/reports/user-permissions?status=gone":                    "status",
		"/reports/user-permissions?type=root":                      "type",
		"/reports/user-permissions?role=abc":                       "role",
		"/reports/user-permissions?norole=yes":                     "norole",
		"/reports/user-permissions?deactivated=true":               "deactivated",
		"/reports/user-permissions?access=granted":                 "access",
		"/reports/user-permissions?sort=salary":                    "sort",
		"/reports/user-permissions?dir=up":                         "dir",
		"/reports/user-permissions?all=yes":                        "all",
		"/reports/user-permissions?q=" + long:                      "q",
		"/reports/project-access?format=doc":                       "format",
		"/reports/project-access?project=abc":                      "project",
		"/reports/project-access?project=-3":                       "project",
		"/audit?format=json":                                       "format",
		"/audit?actor=nobody@acme.test":                            "actor",
		"/audit?actor=admin@other.test":                            "actor",
		"/audit?actor=" + strings.Repeat("a", 255):                 "actor",
		"/audit?action=Drop%20table":                               "action",
		"/audit?target_type=planet":                                "target_type",
		"/audit?target_id=3":                                       "target_id",
		"/audit?target_type=group&target_id=x":                     "target_id",
		"/audit?from=yesterday":                                    "from",
		"/audit?to=2025-02-30":                                     "to",
		"/audit?from=2025-03-02&to=2025-03-01":                     "to",
		"/audit?from=2025-03-01T10:00:00Z&to=2025-03-01T09:00:00Z": "to",
		"/audit?limit=0":                                           "limit",
		"/audit?limit=201":                                         "limit",
		"/audit?cursor=abc":                                        "cursor",
	} {
		res := env.call(key, http.MethodGet, path, nil)
		wantAPI(t, res, http.StatusUnprocessableEntity)
		if errs := fieldErrors(res); !errs[field] || len(errs) != 1 {
			t.Errorf("%s: errors %v, want %s", path, errs, field)
		}
	}
	for _, path := range []string{
		"/reports/user-permissions?role=" + fmt.Sprint(otherRoles["member"]),
		"/reports/project-access?project=" + fmt.Sprint(otherProject.ID),
		"/reports/project-access?format=xlsx&project=99999",
		"/audit?target_type=group&target_id=" + fmt.Sprint(otherGroup.ID),
		"/audit?target_type=account&target_id=" + fmt.Sprint(otherAdmin.ID),
		"/audit?format=csv&target_type=project&target_id=" + fmt.Sprint(otherProject.ID),
		"/audit?target_type=tenant&target_id=" + fmt.Sprint(other.ID),
	} {
		res := env.call(key, http.MethodGet, path, nil)
		wantAPI(t, res, http.StatusNotFound)
		if strings.Contains(res.raw, "Secret") || strings.Contains(res.raw, "Hidden") {
			t.Errorf("%s leaks the other tenant: %s", path, res.raw)
		}
	}
	// French problem details for a French caller.
	req, _ := http.NewRequest(http.MethodGet, env.srv.URL+"/api/v1/audit?from=hier", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Accept-Language", "fr")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "Indiquez un jour") {
		t.Errorf("French problem: %d %s", res.StatusCode, body)
	}
	// Nothing was exported on a refusal.
	if n, _ := env.st.AuditCount(ctx, "report.project_access"); n != 0 {
		t.Errorf("%d export events after refusals", n)
	}
}

// TestAPIReportsNeedTheirPermission: a Member's key reads none of the three;
// an Auditor's reads all three (the route walk checks every other permission).
func TestAPIReportsNeedTheirPermission(t *testing.T) {
	t.Parallel()
	env := reportTenant(t)
	_, auditor, _ := auditorKey(t, env)
	member, _ := env.st.AccountByEmail(context.Background(), env.tenant.ID, "mallory@acme.test")
	memberKey, _ := env.keyFor(member, time.Time{})
	for _, path := range []string{"/reports/user-permissions", "/reports/project-access?format=xlsx", "/audit", "/audit?format=csv"} {
		wantAPI(t, env.call(memberKey, http.MethodGet, path, nil), http.StatusForbidden)
		wantAPI(t, env.call(auditor, http.MethodGet, path, nil), http.StatusOK)
	}
}
