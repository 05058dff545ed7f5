package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// TestIssue16FilterBadInput: a value that is no day count, date or domain
// gets a message beside its filter on the page (the table unfiltered by
// it), a 422 naming the parameter from the API, and never a 500.
func TestIssue16FilterBadInput(t *testing.T) {
	t.Parallel()
	env, _, _ := filterWorld(t)
	c := env.signedIn("admin@acme.test")
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	long := strings.Repeat(strings.Repeat("a", 60)+".", 5) + "net" // 303 characters, each label valid
	cases := []struct {
		param, value, message string
	}{
		{"inactive", "ninety", "number of days"},
		{"inactive", "0", "number of days"},
		{"inactive", "99999999999999999999", "number of days"},
		{"created_from", "2024-13-45", "Not a date"},
		{"created_to", "yesterday", "Not a date"},
		{"domain", "exa mple.net", "Not an email domain"},
		{"domain", "100%.net", "Not an email domain"},
		{"domain", long, "Not an email domain"},
		{"group", "abc", "Choose a group"},
		{"group", "-4", "Choose a group"},
	}
	for _, tc := range cases {
		t.Run(tc.param+"="+tc.value, func(t *testing.T) {
			q := url.Values{tc.param: {tc.value}}.Encode()
			page := c.get("/users?" + q)
			wantStatus(t, page, http.StatusOK)
			msg := page.doc.Find("#filter-err-" + tc.param).Text()
			if !strings.Contains(msg, tc.message) {
				t.Errorf("message beside %s = %q, want %q", tc.param, msg, tc.message)
			}
			if got := tableLogins(page); len(got) != 4 {
				t.Errorf("the refused filter still narrowed the table to %v", got)
			}
			swap := c.get("/users?"+q, htmx("users-table")...)
			wantStatus(t, swap, http.StatusOK)
			if oob := swap.doc.Find("#filter-err-" + tc.param + "[hx-swap-oob]").Text(); !strings.Contains(oob, tc.message) {
				t.Errorf("htmx swap's message for %s = %q, want %q", tc.param, oob, tc.message)
			}
			r := env.call(key, http.MethodGet, "/users?"+q, nil)
			wantAPI(t, r, http.StatusUnprocessableEntity)
			if !fieldErrors(r)[tc.param] {
				t.Errorf("API 422 names %v, want %s", fieldErrors(r), tc.param)
			}
		})
	}
	// An end before the start is refused at the end.
	page := c.get("/users?created_from=2024-06-01&created_to=2024-01-01")
	if msg := page.doc.Find("#filter-err-created_to").Text(); !strings.Contains(msg, "on or after the start") {
		t.Errorf("reversed range: message %q", msg)
	}
	r := env.call(key, http.MethodGet, "/users?created_from=2024-06-01&created_to=2024-01-01", nil)
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if !fieldErrors(r)["created_to"] {
		t.Errorf("API 422 names %v, want created_to", fieldErrors(r))
	}
	// Invalid UTF-8 is refused before any handler: a 422, not a 500.
	wantStatus(t, c.get("/users?domain=%ff%fe.net"), http.StatusUnprocessableEntity)
	r = env.call(key, http.MethodGet, "/users?domain=%ff%fe.net", nil)
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if !fieldErrors(r)["domain"] {
		t.Errorf("API 422 for invalid UTF-8 names %v, want domain", fieldErrors(r))
	}
	// The report refuses what the API list refuses.
	if r := env.call(key, http.MethodGet, "/reports/user-permissions?format=csv&inactive=x", nil); r.status != http.StatusUnprocessableEntity {
		t.Errorf("API report with inactive=x: status %d, want 422", r.status)
	}
}

// TestIssue16CreatedSortsFromItsHeader: Created is a column header that
// sorts both ways (it was a link in the pager footer).
func TestIssue16CreatedSortsFromItsHeader(t *testing.T) {
	t.Parallel()
	env, _, _ := filterWorld(t)
	c := env.signedIn("admin@acme.test")
	page := c.get("/users")
	th := page.doc.Find("#users-table thead th").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find("#sort-created").Length() == 1
	})
	if th.Length() != 1 {
		t.Fatalf("no Created column header with its sort link")
	}
	if page.doc.Find("nav.pager #sort-created, .sort-created").Length() != 0 {
		t.Error("the Created sort is still in the pager footer")
	}
	if s, _ := th.Attr("aria-sort"); s != "none" {
		t.Errorf("Created header aria-sort = %q before sorting", s)
	}
	href, _ := th.Find("#sort-created").Attr("href")
	asc := c.get(href)
	if got := tableLogins(asc); !slices.Equal(got, []string{"ann", "ben", "cat", "dan"}) {
		t.Errorf("Created ascending (%s): %v", href, got)
	}
	th = asc.doc.Find("#sort-created").Parent()
	if s, _ := th.Attr("aria-sort"); s != "ascending" {
		t.Errorf("after sorting, aria-sort = %q, want ascending", s)
	}
	href, _ = th.Find("#sort-created").Attr("href")
	desc := c.get(href, htmx("users-table")...)
	if got := tableLogins(desc); !slices.Equal(got, []string{"dan", "cat", "ben", "ann"}) {
		t.Errorf("Created descending (%s): %v", href, got)
	}
	if s, _ := desc.doc.Find("#sort-created").Parent().Attr("aria-sort"); s != "descending" {
		t.Errorf("second click: aria-sort = %q, want descending", s)
	}
	// Each row shows its creation time in that column.
	if n := desc.doc.Find("#users-table tbody td.created").Length(); n != 5 {
		t.Errorf("%d Created cells, want 5", n)
	}
}
