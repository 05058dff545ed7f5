package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// bulkWorld is a tenant with ten active "Bulk" people holding Member, a
// User Manager who acts, and a Member who may not.
func bulkWorld(t *testing.T) (*testEnv, []store.Account) {
	env := newEnv(t)
	env.user("boss@acme.test", "standard", "active", "user_manager", "member")
	env.user("member@acme.test", "standard", "active", "member")
	var people []store.Account
	for i := range 10 {
		people = append(people, env.user(fmt.Sprintf("bulk%02d@acme.test", i), "standard", "active", "member"))
	}
	return env, people
}

func (e *testEnv) jobDone() {
	e.t.Helper()
	if err := e.h.WorkJobs(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// The whole console flow: review everyone a search matches, start, the job
// runs, its page and results file say what became of each.
func TestIssue17_BulkDeactivateEveryoneMatching(t *testing.T) {
	env, people := bulkWorld(t)
	c := env.signedIn("boss@acme.test")
	form := url.Values{"scope": {"matching"}, "filter": {"q=bulk"}, "action": {"deactivate"}}
	res := c.post("/users/bulk", form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if got := text(res.doc.Find("#bulk-lead")); got != "Deactivate: 10 people" {
		t.Fatalf("review says %q, want the action and the exact count", got)
	}
	if got := text(res.doc.Find("#bulk-change")); got != "Would change: 10" {
		t.Errorf("review says %q", got)
	}
	if n := res.doc.Find(".bulk-sample li").Length(); n != 6 {
		t.Errorf("review shows %d sample lines, want 5 names and 'and 5 more'", n)
	}
	// The review wrote nothing.
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, people[0].ID); a.Status != "active" {
		t.Fatalf("the review deactivated %s", a.Login)
	}
	// Someone who matches between the review and the start is in: the list
	// is frozen when the job starts.
	env.user("bulk98@acme.test", "standard", "active", "member")
	// Start it (the review's own form, resent).
	keep := reviewedForm(res)
	start := c.post("/jobs", keep)
	wantStatus(t, start, http.StatusSeeOther)
	loc := start.Header.Get("Location")
	if !strings.Contains(loc, "/jobs/") {
		t.Fatalf("start went to %q", loc)
	}
	late := env.user("bulk99@acme.test", "standard", "active", "member")
	env.jobDone()
	pg := c.get(loc)
	wantStatus(t, pg, http.StatusOK)
	if got := text(pg.doc.Find("#job-status")); !strings.Contains(got, "Finished") || !strings.Contains(got, "11 done") {
		t.Fatalf("job page says %q, want Finished with 11 done (the ten and bulk98, who matched at the start)", got)
	}
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, late.ID); a.Status != "active" {
		t.Errorf("someone who matched only after the start was %s", a.Status)
	}
	csv := c.get(loc + "/results.csv")
	wantStatus(t, csv, http.StatusOK)
	if !strings.Contains(csv.body, "bulk00") || !strings.Contains(csv.body, "Done") {
		t.Errorf("results file: %s", snippet(csv.body))
	}
	for _, p := range people {
		if a, _ := env.st.Account(context.Background(), env.tenant.ID, p.ID); a.Status != "deactivated" {
			t.Errorf("%s is %s", a.Login, a.Status)
		}
	}
}

// reviewedForm is the review's own form, as its Start button sends it.
func reviewedForm(res response) url.Values {
	keep := url.Values{}
	res.doc.Find("#bulk-preview form input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		n, _ := s.Attr("name")
		v, _ := s.Attr("value")
		keep.Add(n, v)
	})
	return keep
}
