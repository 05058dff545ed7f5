package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestRegisterVerifyDefaultRoles: register → email → confirm → signed in with
// the default roles, straight into the console.
func TestRegisterVerifyDefaultRoles(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	env.openRegistration("member")
	c := env.client()

	signin := c.get("/signin?tenant=acme")
	if href, _ := signin.doc.Find(`a:contains("Create an account")`).Attr("href"); href != "/register/acme" {
		t.Fatalf("sign-in page offers %q, want /register/acme", href)
	}
	env.register(c, "nina@outside.test")
	a, ok := env.accountByEmail("nina@outside.test")
	if !ok || a.Status != "pending" || a.Origin != "registration" || a.Login != "nina@outside.test" {
		t.Fatalf("account after registration: %+v", a)
	}
	link := env.verifyLinkFor("nina@outside.test")
	mail := env.smtp.To("nina@outside.test")[0]
	if mail.Subject != "Confirm your email address for Acme" || !strings.Contains(mail.HTML, link) {
		t.Fatalf("verification email: %q\n%s", mail.Subject, mail.Text)
	}
	notice := env.smtp.To("admin@acme.test")
	if len(notice) != 1 || notice[0].Subject != "New registration in Acme: nina@outside.test" ||
		!strings.Contains(notice[0].Text, "Nina Newcomer") || !strings.Contains(notice[0].Text, "default roles") {
		t.Fatalf("admin notice: %+v", notice)
	}

	// A GET (a mail scanner) does not use the link up.
	for range 2 {
		res := c.get(link)
		wantStatus(t, res, http.StatusOK)
		if res.doc.Find(`button:contains("Confirm and sign in")`).Length() != 1 {
			t.Fatalf("confirm page:\n%s", snippet(res.body))
		}
	}
	if a, _ := env.accountByEmail("nina@outside.test"); a.Status != "pending" {
		t.Fatalf("a GET activated the account")
	}
	env.confirm(c, link)
	home := c.get("/")
	if home.StatusCode != http.StatusSeeOther || home.Header.Get("Location") != tp("/projects") {
		t.Fatalf("home after verification: %d %q, want the console (/projects for a Member)", home.StatusCode, home.Header.Get("Location"))
	}
	wantStatus(t, c.get("/projects"), http.StatusOK)
	a, _ = env.accountByEmail("nina@outside.test")
	held := env.directRoles(a.ID)
	if a.Status != "active" || len(held) != 1 || held[0] != env.roles["member"] {
		t.Fatalf("after verification: status %s roles %v", a.Status, held)
	}
	// The link worked once.
	wantStatus(t, env.client().post(link, pw(testPassword)), http.StatusGone)
}

// TestRegisterWaitThenGranted: without default roles the verified person
// waits; the administrator finds them under Pending access and grants a role.
func TestRegisterWaitThenGranted(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	env.openRegistration()
	env.user("member@acme.test", "standard", "active", "member")
	env.user("gone@acme.test", "standard", "deactivated")
	c := env.client()
	env.register(env.client(), "unverified@acme.test") // not waiting yet: their address is unconfirmed
	env.register(c, "wait@acme.test")
	link := env.verifyLinkFor("wait@acme.test")
	if n := env.smtp.To("admin@acme.test"); len(n) != 2 || !strings.Contains(n[0].Text, "Pending access") ||
		!strings.Contains(n[0].Text, "/users?access=pending") {
		t.Fatalf("admin notice: %+v", n)
	}
	env.confirm(c, link)
	home := c.get("/")
	wantStatus(t, home, http.StatusOK)
	if !strings.Contains(home.body, "Your access is waiting for an administrator") ||
		home.doc.Find(`main form[action="/signout"] button`).Length() != 1 {
		t.Fatalf("waiting page:\n%s", snippet(home.body))
	}
	wantStatus(t, c.get("/users"), http.StatusForbidden)

	admin := env.signedIn("admin@acme.test")
	list := admin.get("/users?access=pending")
	wantStatus(t, list, http.StatusOK)
	var rows []string
	list.doc.Find("#users-table tbody tr").Each(func(_ int, s *goquery.Selection) { rows = append(rows, strings.Join(strings.Fields(s.Text()), " ")) })
	if len(rows) != 1 || !strings.Contains(rows[0], "wait@acme.test") {
		t.Fatalf("pending access lists %q, want only wait@acme.test", rows)
	}
	if _, ok := list.doc.Find(`input[name="access"][value="pending"]`).Attr("checked"); !ok {
		t.Fatal("the Pending access box is not ticked on its own URL")
	}
	a, _ := env.accountByEmail("wait@acme.test")
	res := admin.post("/users/"+id(a)+"/roles", url.Values{"role": {fmt.Sprint(env.roles["member"])}}, htmx("roles")...)
	wantStatus(t, res, http.StatusOK)
	if got := c.get("/"); got.StatusCode != http.StatusSeeOther || got.Header.Get("Location") != tp("/projects") {
		t.Fatalf("after the grant home is %d %q", got.StatusCode, got.Header.Get("Location"))
	}
	if rows := admin.get("/users?access=pending").doc.Find("#users-table tbody tr").Length(); rows != 0 {
		t.Fatalf("pending access still lists %d people", rows)
	}
}

// TestRegisterFrench: pages and emails in the visitor's language; the
// administrator's notice in theirs.
func TestRegisterFrench(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	env.openRegistration()
	c := env.client()
	c.lang = "fr"
	form := c.get("/register/acme")
	if !strings.Contains(form.body, "Créez votre compte Acme") {
		t.Fatalf("French form:\n%s", snippet(form.body))
	}
	bad := c.post("/register/acme", regForm("A", "B", "not-an-email"))
	if !strings.Contains(bad.doc.Find("#email-error").Text(), "adresse e-mail valide") {
		t.Fatalf("French email error: %q", bad.doc.Find("#email-error").Text())
	}
	env.register(c, "lea@acme.test")
	link := env.verifyLinkFor("lea@acme.test")
	m := env.smtp.To("lea@acme.test")[0]
	if m.Subject != "Confirmez votre adresse e-mail pour Acme" || !strings.Contains(m.Text, "Bonjour Nina Newcomer") {
		t.Fatalf("French email: %q\n%s", m.Subject, m.Text)
	}
	if n := env.smtp.To("admin@acme.test"); len(n) != 1 || n[0].Subject != "New registration in Acme: lea@acme.test" {
		t.Fatalf("the English administrator's notice: %+v", n)
	}
	if page := c.get(link).body; !strings.Contains(page, "Confirmer et me connecter") || !strings.Contains(page, "15 ou plus recommandés") {
		t.Fatal("French confirm page")
	}
	env.confirm(c, link)
	if home := c.get("/"); !strings.Contains(home.body, "Votre accès attend un administrateur") {
		t.Fatalf("French waiting page:\n%s", snippet(home.body))
	}
	if a, _ := env.accountByEmail("lea@acme.test"); a.Language != "fr" {
		t.Fatalf("account language %q, want fr", a.Language)
	}
}
