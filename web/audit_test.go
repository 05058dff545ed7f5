package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAuditPagePagingAndFilters: newest first, 50 a page, Older and Newer
// links, each filter, a page costs a constant number of statements.
func TestAuditPagePagingAndFilters(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
	ctx := context.Background()
	by := actorFor(env)
	g, err := env.st.CreateGroup(ctx, by, "Support", "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 119 {
		if _, err := env.st.UpdateGroup(ctx, by, g.ID, fmt.Sprintf("Support %03d", i+1), ""); err != nil {
			t.Fatal(err)
		}
	}
	c := env.signedIn("admin@acme.test")
	res := c.get("/audit?action=group.update")
	wantStatus(t, res, http.StatusOK)
	rows := res.doc.Find(".audit-grid > tbody > tr")
	if rows.Length() != 50 {
		t.Fatalf("first page has %d events", rows.Length())
	}
	// The target shows under its current name, the newest change first.
	first := rows.First()
	if !strings.Contains(first.Text(), "Support 119") || !strings.Contains(first.Find("details").Text(), "Support 118") {
		t.Fatalf("first row %q", first.Text())
	}
	if href, _ := first.Find("a[href^='/t/acme/groups/']").Attr("href"); href != tp(fmt.Sprintf("/groups/%d", g.ID)) {
		t.Fatalf("target link %q", href)
	}
	older, _ := res.doc.Find("a[rel=next]").Attr("href")
	if res.doc.Find("a[rel=prev]").Length() != 0 || older == "" {
		t.Fatalf("pager on page 1: older %q", older)
	}
	before := env.st.Statements()
	page2 := c.get(older, htmx("audit-table")...)
	if n := env.st.Statements() - before; n > 6 {
		t.Fatalf("a page of the audit log took %d statements", n)
	}
	page3href, _ := page2.doc.Find("a[rel=next]").Attr("href")
	page3 := c.get(page3href)
	if n := page3.doc.Find(".audit-grid > tbody > tr").Length(); n != 19 || page3.doc.Find("a[rel=next]").Length() != 0 {
		t.Fatalf("last page has %d events", n)
	}
	newer, _ := page3.doc.Find("a[rel=prev]").Attr("href")
	back := c.get(newer)
	if back.doc.Find(".audit-grid > tbody > tr").First().Text() != page2.doc.Find(".audit-grid > tbody > tr").First().Text() {
		t.Fatalf("Newer from page 3 is not page 2")
	}

	// Filters: actor, target, dates, a target of another tenant.
	env.user("bob@acme.test", "admin", "active")
	bob := env.signedIn("bob@acme.test")
	bob.post("/groups", url.Values{"name": {"Bob's group"}})
	res = c.get("/audit?actor=bob@acme.test&action=group.create")
	if n := res.doc.Find(".audit-grid > tbody > tr").Length(); n != 1 || !strings.Contains(res.body, "Bob&#39;s group") {
		t.Fatalf("actor filter: %d rows", n)
	}
	res = c.get("/audit?actor=nobody@else.test")
	if !strings.Contains(res.body, "Nobody in this tenant has this login or email.") || res.doc.Find(".audit-grid > tbody > tr").Length() != 0 {
		t.Fatalf("unknown actor not said")
	}
	res = c.get(fmt.Sprintf("/audit?type=group&target=%d", g.ID))
	if n := res.doc.Find(".audit-grid > tbody > tr").Length(); n != 50 {
		t.Fatalf("target filter: %d rows", n)
	}
	today := time.Now().UTC().Format(time.DateOnly)
	res = c.get("/audit?action=group.create&from=2000-01-01&to=2000-12-31")
	if res.doc.Find(".audit-grid > tbody > tr").Length() != 0 || !strings.Contains(res.body, "No event matches") {
		t.Fatalf("old date range shows events")
	}
	res = c.get("/audit?to=2000-01-01&from=" + today)
	if !strings.Contains(res.body, "The end date is before the start date.") {
		t.Fatalf("reversed dates not said")
	}
	other, _ := env.newTenant("Other", "other")
	og, _ := env.st.CreateGroup(ctx, store.Actor{TenantID: other.ID}, "Hidden", "")
	res = c.get(fmt.Sprintf("/audit?type=group&target=%d", og.ID))
	if res.doc.Find(".audit-grid > tbody > tr").Length() != 0 || strings.Contains(res.body, "Hidden") {
		t.Fatalf("another tenant's target shows")
	}

	// The export carries the filters; French headers for a French reader.
	exp := csvRows(t, c.get("/audit/export?format=csv&action=group.update").body)
	if len(exp) != 120 || exp[0][0] != "Time" || exp[1][5] != "Support 119" || exp[1][3] != "Group updated" {
		t.Fatalf("export: %d rows, first %v", len(exp), exp[:2])
	}
	if exp := csvRows(t, c.get("/audit/export?format=csv&action=group.update&before=1").body); len(exp) != 120 {
		t.Fatalf("export with a page cursor: %d rows, want all 120 whatever the cursor", len(exp))
	}
	if link, _ := c.get("/audit?action=group.update").doc.Find("a[href^='/t/acme/audit/export']").First().Attr("href"); link != tp("/audit/export?action=group.update&format=csv") {
		t.Fatalf("export link %q", link)
	}
}

func TestAuditPageFrench(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("fr@acme.test", "admin", "active")
	a, _ := env.st.AccountByEmail(context.Background(), env.tenant.ID, "fr@acme.test")
	p := profileOf(a, a.FirstName, a.LastName)
	p.Language = "fr"
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), a.ID, p); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("fr@acme.test")
	res := c.get("/audit")
	for _, want := range []string{"Journal d’audit", "Utilisateur modifié", "Conservation", "Plus anciens"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("French page lacks %q", want)
		}
	}
	exp := csvRows(t, c.get("/audit/export?format=csv").body)
	if exp[0][0] != "Date et heure" {
		t.Fatalf("French export header %v", exp[0])
	}
}

func TestAuditRetentionSetting(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("auditor@acme.test", "standard", "active", "auditor")
	c := env.signedIn("admin@acme.test")
	res := c.get("/audit")
	if v, _ := res.doc.Find("#retention-days").Attr("value"); v != "400" {
		t.Fatalf("retention shows %q", v)
	}
	for _, bad := range []string{"", "29", "3651", "abc", "-5", "1e3"} {
		res := c.post("/audit/retention", url.Values{"days": {bad}}, htmx("audit-retention")...)
		if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find("#retention-error").Length() != 1 {
			t.Errorf("days %q: %d", bad, res.StatusCode)
		}
	}
	res = c.post("/audit/retention", url.Values{"days": {"90"}}, htmx("audit-retention")...)
	wantStatus(t, res, http.StatusOK)
	if days, _ := env.st.AuditRetention(context.Background(), env.tenant.ID); days != 90 {
		t.Fatalf("retention %d", days)
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "audit.retention"})
	if len(ev) != 1 {
		t.Fatalf("%d retention events", len(ev))
	}
	// Without CSRF: refused. Without tenant.settings: no form, and refused.
	if res := c.post("/audit/retention", url.Values{"days": {"100"}, "_csrf": {"forged"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("forged CSRF: %d", res.StatusCode)
	}
	aud := env.signedIn("auditor@acme.test")
	if aud.get("/audit").doc.Find("#audit-retention").Length() != 0 {
		t.Fatalf("the auditor sees the retention form")
	}
	if res := aud.post("/audit/retention", url.Values{"days": {"100"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("auditor changed retention: %d", res.StatusCode)
	}
}
