package web

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Bad input to the bulk review and start: each gets its status and a
// message in the sidebar, and no job.
func TestIssue17_BulkInputRefused(t *testing.T) {
	env, people := bulkWorld(t)
	other, roles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, roles, "stranger@other.test", "standard", "active", "member")
	c := env.signedIn("boss@acme.test")
	for name, tc := range map[string]struct {
		form url.Values
		want int
		says string
	}{
		"unknown action":       {url.Values{"scope": {"picked"}, "account_id": {id(people[0])}, "action": {"explode"}}, 422, "Choose"},
		"nobody ticked":        {url.Values{"scope": {"picked"}, "action": {"deactivate"}}, 422, "at least one"},
		"not an id":            {url.Values{"scope": {"picked"}, "account_id": {"abc"}, "action": {"deactivate"}}, 422, "not people of this tenant"},
		"another tenant's id":  {url.Values{"scope": {"picked"}, "account_id": {id(stranger)}, "action": {"deactivate"}}, 422, "not people of this tenant"},
		"filter matching none": {url.Values{"scope": {"matching"}, "filter": {"q=nobody-here"}, "action": {"deactivate"}}, 422, "at least one"},
		"unknown role":         {url.Values{"scope": {"picked"}, "account_id": {id(people[0])}, "action": {"add_role"}, "role_id": {"999999"}}, 422, ""},
	} {
		for _, path := range []string{"/users/bulk", "/jobs"} {
			res := c.post(path, tc.form, htmx("sidebar")...)
			if res.StatusCode != tc.want || !strings.Contains(text(res.doc.Find("#bulk-error")), tc.says) {
				t.Errorf("%s %s: %d %q, want %d saying %q", name, path, res.StatusCode, text(res.doc.Find("#bulk-error")), tc.want, tc.says)
			}
		}
	}
	ok := url.Values{"scope": {"picked"}, "account_id": {id(people[0])}, "action": {"deactivate"}}
	if res := env.signedIn("member@acme.test").post("/jobs", maps.Clone(ok)); res.StatusCode != http.StatusForbidden {
		t.Errorf("a Member starting a bulk action got %d", res.StatusCode)
	}
	if jobs, _ := env.st.Jobs(t.Context(), env.tenant.ID, 10); len(jobs) != 0 {
		t.Fatalf("refused requests left %d jobs", len(jobs))
	}
	// Another tenant's job is not found, by page, file or cancel.
	start := c.post("/jobs", maps.Clone(ok))
	wantStatus(t, start, http.StatusSeeOther)
	loc := start.Header.Get("Location")
	jobPath := loc[strings.Index(loc, "/jobs/"):]
	otherAdmin := env.userIn(other.ID, roles, "admin@other.test", "admin", "active")
	oc := env.signedIn(otherAdmin.Email)
	for _, p := range []string{jobPath, jobPath + "/results.csv"} {
		if res := oc.get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("another tenant's admin GET %s: %d", p, res.StatusCode)
		}
	}
	if res := oc.post(jobPath+"/cancel", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("another tenant's admin cancelled: %d", res.StatusCode)
	}
	if res := c.post("/jobs", url.Values{"_csrf": {"forged"}, "scope": ok["scope"], "account_id": ok["account_id"], "action": ok["action"]}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a forged CSRF token got %d", res.StatusCode)
	}
}

// The API: start by filter, read progress and results, cancel; bad input.
func TestIssue17_JobsAPI(t *testing.T) {
	env, people := bulkWorld(t)
	boss, _ := env.st.AccountByLoginOrEmail(t.Context(), env.tenant.ID, "boss@acme.test")
	key, _ := env.keyFor(boss, time.Time{})
	res := env.call(key, "POST", "/jobs", map[string]any{"action": "deactivate", "filter": map[string]string{"q": "bulk", "status": "active"}})
	if res.status != http.StatusAccepted || res.body["total"] != float64(10) || res.body["status"] != "queued" {
		t.Fatalf("POST /jobs: %d %s", res.status, res.raw)
	}
	jobURL := strings.TrimPrefix(res.header.Get("Location"), "/api/v1")
	env.jobDone()
	got := env.call(key, "GET", jobURL, nil)
	if got.status != 200 || got.body["status"] != "done" || got.body["done"] != float64(10) || got.body["left"] != float64(0) {
		t.Fatalf("GET job: %d %s", got.status, got.raw)
	}
	items := env.call(key, "GET", jobURL+"/items?limit=3", nil)
	if list, _ := items.body["items"].([]any); items.status != 200 || len(list) != 3 || items.body["next_cursor"] == nil {
		t.Fatalf("GET items: %d %s", items.status, items.raw)
	}
	if res := env.call(key, "POST", jobURL+"/cancel", nil); res.status != 200 || res.body["status"] != "done" {
		t.Errorf("cancelling a finished job: %d %s (it stays done)", res.status, res.raw)
	}
	other, roles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, roles, "stranger@other.test", "standard", "active", "member")
	for name, body := range map[string]any{
		"unknown filter":      map[string]any{"action": "deactivate", "filter": map[string]string{"colour": "red"}},
		"bad status":          map[string]any{"action": "deactivate", "filter": map[string]string{"status": "sleeping"}},
		"another tenant's id": map[string]any{"action": "deactivate", "ids": []int64{stranger.ID}},
		"unknown action":      map[string]any{"action": "explode", "ids": []int64{people[0].ID}},
		"ids and filter":      map[string]any{"action": "deactivate", "ids": []int64{people[0].ID}, "filter": map[string]string{}},
		"unknown field":       map[string]any{"action": "deactivate", "ids": []int64{people[0].ID}, "dry": true},
	} {
		if res := env.call(key, "POST", "/jobs", body); res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", name, res.status, res.raw)
		}
	}
	if res := env.call(key, "POST", "/jobs", `{"action": "deactivate", "ids": "all"}`); res.status != http.StatusUnprocessableEntity {
		t.Errorf("ids of the wrong type: %d %s", res.status, res.raw)
	}
	otherAdmin := env.userIn(other.ID, roles, "admin@other.test", "admin", "active")
	okey, _ := env.keyFor(otherAdmin, time.Time{})
	if res := env.call(okey, "GET", jobURL, nil); res.status != http.StatusNotFound {
		t.Errorf("another tenant's key read the job: %d", res.status)
	}
	member, _ := env.st.AccountByLoginOrEmail(t.Context(), env.tenant.ID, "member@acme.test")
	mkey, _ := env.keyFor(member, time.Time{})
	if res := env.call(mkey, "POST", "/jobs", map[string]any{"action": "deactivate", "ids": []int64{people[0].ID}}); res.status != http.StatusForbidden {
		t.Errorf("a Member's key started a job: %d", res.status)
	}
}
