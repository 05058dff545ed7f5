package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// A bulk grant with an end date, from the users table and from the API:
// the review says until when and what happens to longer grants, the job's
// page names the date, and each person holds the role until then.
func TestIssue17_BulkGrantUntil(t *testing.T) {
	env, _ := bulkWorld(t)
	fresh := []store.Account{env.user("new1@acme.test", "standard", "active"), env.user("new2@acme.test", "standard", "active")}
	c := env.signedIn("boss@acme.test")
	date := time.Now().AddDate(0, 2, 0).UTC().Format(time.DateOnly)
	form := url.Values{"scope": {"picked"}, "account_id": {id(fresh[0]), id(fresh[1])}, "action": {"add_role"},
		"role_id": {strconv.FormatInt(env.roles["member"], 10)}, "expires_at": {date}}
	res := c.post("/users/bulk", form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if got, want := text(res.doc.Find("#bulk-lead")), "Give a role “Member” until "+date+": 2 people"; got != want {
		t.Fatalf("review says %q, want %q", got, want)
	}
	if res.doc.Find("#bulk-until-note").Length() != 1 {
		t.Error("the review does not say what happens to longer grants")
	}
	keep := reviewedForm(res)
	start := c.post("/jobs", keep)
	wantStatus(t, start, http.StatusSeeOther)
	env.jobDone()
	pg := c.get(start.Header.Get("Location"))
	if got := text(pg.doc.Find(".job-what")); !strings.Contains(got, "Member, until "+date) {
		t.Errorf("job page says %q, want the role and its end date", got)
	}
	want, _ := time.Parse(time.DateOnly, date)
	for _, a := range fresh {
		if end := heldUntil(t, env, a, env.roles["member"]); !end.Equal(want) {
			t.Errorf("%s holds Member until %v, want %v", a.Login, end, want)
		}
	}

	// The API takes the same end date in params, RFC 3339 or a date.
	boss, _ := env.st.AccountByLoginOrEmail(t.Context(), env.tenant.ID, "boss@acme.test")
	key, _ := env.keyFor(boss, time.Time{})
	third := env.user("new3@acme.test", "standard", "active")
	at := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Second)
	api := env.call(key, "POST", "/jobs", map[string]any{"action": "add_role", "ids": []int64{third.ID},
		"params": map[string]any{"role_id": env.roles["member"], "expires_at": at.Format(time.RFC3339)}})
	if api.status != http.StatusAccepted {
		t.Fatalf("POST /jobs with an end date: %d %s", api.status, api.raw)
	}
	env.jobDone()
	if end := heldUntil(t, env, third, env.roles["member"]); !end.Equal(at) {
		t.Errorf("through the API: Member until %v, want %v", end, at)
	}

	// Bad end dates, both doors, no job.
	before, _ := env.st.Jobs(t.Context(), env.tenant.ID, 100)
	for name, v := range map[string]string{"past": "2001-01-01", "not a date": "soon", "too far": "12026-01-01"} {
		bad := url.Values{"scope": {"picked"}, "account_id": {id(fresh[0])}, "action": {"add_role"}, "role_id": {strconv.FormatInt(env.roles["member"], 10)}, "expires_at": {v}}
		for _, path := range []string{"/users/bulk", "/jobs"} {
			if res := c.post(path, bad, htmx("sidebar")...); res.StatusCode != 422 || text(res.doc.Find("#bulk-error")) == "" {
				t.Errorf("%s end date on %s: %d %q", name, path, res.StatusCode, text(res.doc.Find("#bulk-error")))
			}
		}
		if res := env.call(key, "POST", "/jobs", map[string]any{"action": "add_role", "ids": []int64{third.ID},
			"params": map[string]any{"role_id": env.roles["member"], "expires_at": v}}); res.status != 422 {
			t.Errorf("%s end date through the API: %d %s", name, res.status, res.raw)
		}
	}
	if res := env.call(key, "POST", "/jobs", map[string]any{"action": "deactivate", "ids": []int64{third.ID},
		"params": map[string]any{"expires_at": at.Format(time.RFC3339)}}); res.status != 422 || !strings.Contains(res.raw, "end date") {
		t.Errorf("an end date on deactivate: %d %s", res.status, res.raw)
	}
	if after, _ := env.st.Jobs(t.Context(), env.tenant.ID, 100); len(after) != len(before) {
		t.Errorf("refused requests left %d jobs", len(after)-len(before))
	}
}

// heldUntil is when a's direct role roleID ends; the test fails if a does not hold it.
func heldUntil(t *testing.T, env *testEnv, a store.Account, roleID int64) time.Time {
	t.Helper()
	held, err := env.st.HeldRoles(context.Background(), env.tenant.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range held {
		if h.RoleID == roleID && h.GroupID == 0 {
			return h.ExpiresAt
		}
	}
	t.Fatalf("%s does not hold the role", a.Login)
	return time.Time{}
}
