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

// The Mail page filters by recipient (any part of the address), kind and
// status, keeps the filters when paging, shows the no-SMTP state as a
// warning, and answers an htmx filter with the results alone.
func TestIssue16_Lead_MailFilters(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	queue := func(kind, to string) {
		t.Helper()
		m := store.Mail{TenantID: env.tenant.ID, Kind: kind, To: to, Subject: kind + " for " + to, Text: "x"}
		if err := env.st.Enqueue(ctx, nil, m); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 60 {
		queue("registration_wait", fmt.Sprintf("admin%d@acme.test", i))
	}
	queue("invitation", "nora@example.net")
	queue("reset_admin", "ivy@example.net")
	queue("activation", "zoe@other.org")
	admin := env.signedIn(env.admin.Email)
	rows := func(path string, headers ...string) []string {
		t.Helper()
		res := admin.get(path, headers...)
		wantStatus(t, res, http.StatusOK)
		var out []string
		res.doc.Find("tbody tr td.mail-to").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
		return out
	}
	if got := rows("/mail?to=example.net"); len(got) != 2 {
		t.Fatalf("recipient by domain: %v", got)
	}
	if got := rows("/mail?kind=invite"); len(got) != 2 || strings.Join(got, " ") != "zoe@other.org nora@example.net" {
		t.Fatalf("invitations and activations: %v", got)
	}
	if got := rows("/mail?kind=reset&to=IVY"); len(got) != 1 || got[0] != "ivy@example.net" {
		t.Fatalf("reset for ivy: %v", got)
	}
	if got := rows("/mail?status=sent"); len(got) != 0 {
		t.Fatalf("nothing was sent: %v", got)
	}
	// Unknown values are "any"; the page still answers.
	if got := rows("/mail?kind=bogus&status=lost"); len(got) != 50 {
		t.Fatalf("unknown filters: %d rows", len(got))
	}
	// Paging keeps the filter: 60 registration notices, 50 then 10.
	res := admin.get("/mail?kind=registration")
	next, ok := res.doc.Find(".pager a").Attr("href")
	if !ok || !strings.Contains(next, "kind=registration") {
		t.Fatalf("next page loses the filter: %q", next)
	}
	if got := rows(next); len(got) != 10 {
		t.Fatalf("second page: %d rows", len(got))
	}
	// No SMTP server is a warning, not a success notice.
	if res.doc.Find(".outbox-warning").Length() != 1 || res.doc.Find(".notice").Length() != 0 {
		t.Fatalf("the no-SMTP state is not a warning:\n%s", snippet(res.body))
	}
	// A filter typed in the page swaps the results alone.
	part := admin.get("/mail?to=zoe", htmx("mail-results")...)
	if !strings.HasPrefix(strings.TrimSpace(part.body), `<div id="mail-results"`) || strings.Contains(part.body, "<h1") {
		t.Fatalf("htmx answer is not the results:\n%s", snippet(part.body))
	}
	if none := admin.get("/mail?to=nobody-here"); !strings.Contains(none.body, "No email matches these filters.") {
		t.Fatalf("no empty state for a filter:\n%s", snippet(none.body))
	}
}
