package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The Invitations page says it lists people created without a password: it
// lists every pending person an administrator made, with or without an open
// link, and offers to send one to those without.
func TestIssue16_Lead_InvitationsListEveryPendingPerson(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	admin := env.signedIn(env.admin.Email)
	res := admin.post("/users", url.Values{"login": {"zoe"}, "first_name": {"Zoé"}, "last_name": {"Martin"},
		"email": {"zoe@acme.test"}, "language": {"fr"}, "time_zone": {"Europe/Paris"}, "currency": {"EUR"},
		"user_type": {"standard"}, "auth_method": {"password"}, "status": {"active"}, "password": {""}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	// Made pending with no link at all (as the API, SCIM or a seed do).
	nolink := env.user("nolink@acme.test", "standard", "pending")
	// A pending person whose email changed: their link ended with it.
	moved := env.user("moved@acme.test", "standard", "pending")
	if err := env.h.ops.ResendLink(ctx, env.adminPrincipal(), moved.ID); err != nil {
		t.Fatal(err)
	}
	res = admin.post("/users/"+id(moved), url.Values{"first_name": {"Moved"}, "last_name": {"Tester"},
		"email": {"moved2@acme.test"}, "language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"},
		"user_type": {"standard"}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	// Active people and self-registrations are not invitations.
	env.user("active@acme.test", "standard", "active")

	page := admin.get("/invitations")
	wantStatus(t, page, http.StatusOK)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page.body))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	doc.Find("table tbody tr").Each(func(_ int, s *goquery.Selection) {
		rows[strings.TrimSpace(s.Find("td").Eq(1).Text())] = strings.Join(strings.Fields(s.Text()), " ")
	})
	for _, want := range []string{"zoe@acme.test", "nolink@acme.test", "moved2@acme.test"} {
		if _, ok := rows[want]; !ok {
			t.Errorf("%s is pending but not listed; rows: %v", want, rows)
		}
	}
	if _, ok := rows["active@acme.test"]; ok {
		t.Error("an active person is listed as an invitation")
	}
	if r := rows["nolink@acme.test"]; !strings.Contains(r, "No link sent") || !strings.Contains(r, "Send link") {
		t.Errorf("a person without a link is not offered one: %q", r)
	}
	if r := rows["zoe@acme.test"]; !strings.Contains(r, "Resend") || strings.Contains(r, "No link sent") {
		t.Errorf("a person with a link: %q", r)
	}
	// Sending the link makes it an ordinary invitation.
	res = admin.post("/invitations/"+id(nolink)+"/resend", nil, htmx("invitations")...)
	wantStatus(t, res, http.StatusOK)
	if _, text := env.mailTo("nolink@acme.test"); !strings.Contains(text, "/invite/") {
		t.Fatalf("no link mailed:\n%s", text)
	}

	// Invite user leads to a form that exists, as a full page.
	href, _ := doc.Find("a.button.primary").Attr("href")
	if !strings.HasSuffix(href, "/users/invite") {
		t.Fatalf("Invite user links to %q", href)
	}
	form := admin.get(href)
	wantStatus(t, form, http.StatusOK)
	if !strings.Contains(form.body, `/users/invite"`) || !strings.Contains(form.body, `name="email"`) {
		t.Fatalf("no invite form at %s:\n%s", href, snippet(form.body))
	}
}
