package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

// TestIssue16_ResultCounts: the pager says which rows the page shows and,
// asked for once the page is shown, of how many, bounded: "51–100 of 121",
// "of more than N" past the bound, with every filter and search applied.
func TestIssue16_ResultCounts(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.seedUsers("Counted", 120)
	c := env.signedIn("admin@acme.test")
	res := c.get("/users?norole=1")
	if got := text(res.doc.Find("#users-range")); got != "1–50" {
		t.Fatalf("first page range %q", got)
	}
	countURL, _ := res.doc.Find("#users-count").Attr("hx-get")
	if got := countText(c, countURL); got != "of 121" {
		t.Fatalf("count %s = %q, want of 121 (120 seeded and the admin)", countURL, got)
	}
	next, _ := res.doc.Find(`nav.pager a[rel="next"]`).Attr("href")
	page2 := c.get(next)
	if got := text(page2.doc.Find("#users-range")); got != "51–100" {
		t.Fatalf("second page range %q (%s)", got, next)
	}
	prev, _ := page2.doc.Find(`nav.pager a[rel="prev"]`).Attr("href")
	if got := text(c.get(prev).doc.Find("#users-range")); got != "1–50" {
		t.Fatalf("back to the first page: range %q (%s)", got, prev)
	}
	// A search is counted with the search; the default view without the hidden.
	if got := countText(c, "/users/count?q=counted001&norole=1"); got != "of 10" {
		t.Fatalf("count of a search: %q", got)
	}
	if got := countText(c, "/users/count"); got != "of 1" {
		t.Fatalf("count of the default view: %q", got)
	}
	n, more, err := env.st.CountUsers(context.Background(), env.tenant.ID, parseUsersQuery(url.Values{"norole": {"1"}}).Filter(), 100)
	if err != nil || n != 100 || !more {
		t.Fatalf("bounded count = %d, %v, %v; want 100 and more", n, more, err)
	}
	env.french(env.admin)
	fr := env.signedIn("admin@acme.test")
	if got := countText(fr, "/users/count?norole=1"); !strings.HasPrefix(got, "sur 121") {
		t.Fatalf("French count %q", got)
	}
}

// countText is the "of N" fragment's text.
func countText(c *client, path string) string {
	return strings.Join(strings.Fields(c.get(path, "HX-Request", "true").body), " ")
}
