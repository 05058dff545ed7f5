package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// openRegistration turns self-registration on with these default roles.
func (e *testEnv) openRegistration(roles ...string) {
	e.t.Helper()
	set := store.Settings{SelfRegistration: true, InviteDays: 7}
	for _, r := range roles {
		set.DefaultRoleIDs = append(set.DefaultRoleIDs, e.roles[r])
	}
	if err := e.st.UpdateSettings(context.Background(), actorFor(e), set); err != nil {
		e.t.Fatal(err)
	}
}

func regForm(first, last, email, password string) url.Values {
	return url.Values{"first_name": {first}, "last_name": {last}, "email": {email}, "password": {password}}
}

// register posts the form from a fresh visitor and checks the one answer.
func (e *testEnv) register(c *client, email string) response {
	e.t.Helper()
	c.get("/register/acme")
	res := c.post("/register/acme", regForm("Nina", "Newcomer", email, testPassword))
	wantStatus(e.t, res, http.StatusOK)
	if !strings.Contains(res.body, "Check your email") && !strings.Contains(res.body, "Consultez vos e-mails") {
		e.t.Fatalf("registration answer:\n%s", snippet(res.body))
	}
	return res
}

// verifyLinkFor delivers the outbox and returns the newest verification link sent to addr.
func (e *testEnv) verifyLinkFor(addr string) string {
	e.t.Helper()
	e.deliver()
	msgs := e.smtp.To(addr)
	if len(msgs) == 0 {
		e.t.Fatalf("no email to %s", addr)
	}
	return strings.TrimPrefix(e.linkIn(msgs[len(msgs)-1].Text, "/verify/"), e.srv.URL)
}

func (e *testEnv) accountByEmail(email string) (store.Account, bool) {
	e.t.Helper()
	as, err := e.st.SignInCandidates(context.Background(), email)
	if err != nil {
		e.t.Fatal(err)
	}
	if len(as) == 0 {
		return store.Account{}, false
	}
	return as[0], true
}

// TestRegisterVerifyDefaultRoles: register → email → confirm → signed in with
// the default roles, straight into the console.
func TestRegisterVerifyDefaultRoles(t *testing.T) {
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
	res := c.post(link, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("confirm: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	home := c.get("/")
	if home.StatusCode != http.StatusSeeOther || home.Header.Get("Location") != "/projects" {
		t.Fatalf("home after verification: %d %q, want the console (/projects for a Member)", home.StatusCode, home.Header.Get("Location"))
	}
	wantStatus(t, c.get("/projects"), http.StatusOK)
	a, _ = env.accountByEmail("nina@outside.test")
	held, _ := env.h.directRoleIDs(context.Background(), env.tenant.ID, a.ID)
	if a.Status != "active" || len(held) != 1 || held[0] != env.roles["member"] {
		t.Fatalf("after verification: status %s roles %v", a.Status, held)
	}
	// The link worked once.
	wantStatus(t, env.client().post(link, nil), http.StatusGone)
}

// TestRegisterWaitThenGranted: without default roles the verified person
// waits; the administrator finds them under Pending access and grants a role.
func TestRegisterWaitThenGranted(t *testing.T) {
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
	wantStatus(t, c.post(link, nil), http.StatusSeeOther)
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
	if got := c.get("/"); got.StatusCode != http.StatusSeeOther || got.Header.Get("Location") != "/projects" {
		t.Fatalf("after the grant home is %d %q", got.StatusCode, got.Header.Get("Location"))
	}
	if rows := admin.get("/users?access=pending").doc.Find("#users-table tbody tr").Length(); rows != 0 {
		t.Fatalf("pending access still lists %d people", rows)
	}
}

// TestRegistrationClosed: an unknown tenant and a tenant with registration
// off get the same 404 page, and the sign-in page offers nothing.
func TestRegistrationClosed(t *testing.T) {
	env := newEnv(t)
	c := env.client()
	var bodies []string
	for _, path := range []string{"/register/acme", "/register/nowhere", "/register/" + strings.Repeat("x", 300)} {
		res := c.get(path)
		wantStatus(t, res, http.StatusNotFound)
		bodies = append(bodies, res.doc.Find("main").Text())
		wantStatus(t, c.post(path, regForm("A", "B", "a@b.test", testPassword)), http.StatusNotFound)
	}
	if bodies[0] != bodies[1] || !strings.Contains(bodies[0], "no registration page at this address") {
		t.Fatalf("closed and unknown differ:\n%q\n%q", bodies[0], bodies[1])
	}
	if _, ok := env.accountByEmail("a@b.test"); ok {
		t.Fatal("an account was created while registration was off")
	}
	if c.get("/signin?tenant=acme").doc.Find(`a[href^="/register/"]`).Length() != 0 {
		t.Fatal("sign-in offers registration while it is off")
	}
}

// TestRegisterExistingEmail: the same answer as a new registration, an
// "already have an account" email, a notice to administrators, no account.
func TestRegisterExistingEmail(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration()
	known := env.user("known@acme.test", "standard", "active", "member")
	c := env.client()
	fresh := env.register(c, "fresh@acme.test")
	again := env.register(env.client(), "KNOWN@acme.test")
	strip := func(r response) string {
		return strings.ReplaceAll(strings.ReplaceAll(r.doc.Find("main").Text(), "fresh@acme.test", "@"), "known@acme.test", "@")
	}
	if strip(fresh) != strip(again) {
		t.Fatalf("answers differ:\n%s\n%s", strip(fresh), strip(again))
	}
	env.deliver()
	got := env.smtp.To("known@acme.test")
	if len(got) != 1 || got[0].Subject != "You already have a Acme account" || !strings.Contains(got[0].Text, "/signin?tenant=acme") {
		t.Fatalf("exists email: %+v", got)
	}
	var subjects []string
	for _, m := range env.smtp.To("admin@acme.test") {
		subjects = append(subjects, m.Subject)
	}
	if len(subjects) != 2 || subjects[1] != "Registration attempt in Acme: known@acme.test" {
		t.Fatalf("admin notices: %v", subjects)
	}
	if as, _ := env.st.SignInCandidates(context.Background(), "known@acme.test"); len(as) != 1 || as[0].ID != known.ID {
		t.Fatalf("accounts with the address: %+v", as)
	}
	if n, _ := env.st.AuditCount(context.Background(), "user.register.existing"); n != 1 {
		t.Fatalf("user.register.existing events: %d", n)
	}
}

// TestRegisterAgainWhilePending: a second registration of an unverified
// address mails a fresh link; the first stops working; the newest password counts.
func TestRegisterAgainWhilePending(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration("member")
	env.register(env.client(), "twice@acme.test")
	first := env.verifyLinkFor("twice@acme.test")
	c := env.client()
	c.get("/register/acme")
	res := c.post("/register/acme", regForm("Nina", "Newcomer", "twice@acme.test", "a brand new passphrase"))
	wantStatus(t, res, http.StatusOK)
	second := env.verifyLinkFor("twice@acme.test")
	if first == second {
		t.Fatal("no fresh link")
	}
	if n := len(env.smtp.To("admin@acme.test")); n != 2 {
		t.Fatalf("administrators heard of %d attempts, want 2", n)
	}
	wantStatus(t, env.client().post(first, nil), http.StatusGone)
	// Either registration may have been someone else's: neither password
	// counts, and whoever holds the mailbox chooses one when confirming.
	owner := env.client()
	page := owner.get(second)
	if page.doc.Find("#password").Length() == 0 {
		t.Fatalf("confirming a twice-registered address asks no password:\n%s", snippet(page.body))
	}
	wantStatus(t, owner.post(second, nil), http.StatusUnprocessableEntity)
	wantStatus(t, owner.post(second, url.Values{"password": {"the owner's own passphrase"}, "confirm": {"the owner's own passphrase"}}),
		http.StatusSeeOther)
	for _, pw := range []string{"a brand new passphrase", testPassword} {
		if res, _ := env.client().signIn("twice@acme.test", pw, ""); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("a password typed at registration signs in: %d", res.StatusCode)
		}
	}
	if res, _ := env.client().signIn("twice@acme.test", "the owner's own passphrase", ""); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in with the password chosen on confirming: %d", res.StatusCode)
	}
}

// TestVerifyAfterRegistrationClosed: closing registration ends the links
// already mailed.
func TestVerifyAfterRegistrationClosed(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration("member")
	env.register(env.client(), "late@acme.test")
	link := env.verifyLinkFor("late@acme.test")
	if err := env.st.UpdateSettings(context.Background(), actorFor(env), store.Settings{InviteDays: 7}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, env.client().post(link, nil), http.StatusGone)
}

// TestRegisterBadInput: each bad field is said beside it; nothing is created.
func TestRegisterBadInput(t *testing.T) {
	env := newEnv(t)
	env.openRegistration()
	c := env.client()
	c.get("/register/acme")
	long := strings.Repeat("é", 101)
	cases := []struct {
		name, field string
		form        url.Values
		says        string
	}{
		{"weak password", "password", regForm("A", "B", "a@x.test", "short"), "at least 8"},
		{"common password", "password", regForm("A", "B", "a@x.test", "password123"), "too common"},
		{"too long password", "password", regForm("A", "B", "a@x.test", strings.Repeat("p", 129)), "at most 128"},
		{"empty first name", "first_name", regForm(" ", "B", "a@x.test", testPassword), "required"},
		{"empty last name", "last_name", regForm("A", "", "a@x.test", testPassword), "required"},
		{"too long name", "first_name", regForm(long, "B", "a@x.test", testPassword), "at most 100"},
		{"control character", "last_name", regForm("A", "B\u202e", "a@x.test", testPassword), "characters"},
		{"bad email", "email", regForm("A", "B", "not-an-email", testPassword), "valid email"},
		{"email with a name", "email", regForm("A", "B", "Bob <bob@x.test>", testPassword), "valid email"},
		{"empty email", "email", regForm("A", "B", "", testPassword), "required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.post("/register/acme", tc.form)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			msg := res.doc.Find("#" + tc.field + "-error").Text()
			if !strings.Contains(msg, tc.says) {
				t.Fatalf("%s error %q, want %q", tc.field, msg, tc.says)
			}
			if v, _ := res.doc.Find("#password").Attr("value"); v != "" {
				t.Fatal("the password was echoed back")
			}
		})
	}
	noCSRF := regForm("A", "B", "a@x.test", testPassword)
	noCSRF.Set("_csrf", "")
	wantStatus(t, c.post("/register/acme", noCSRF), http.StatusForbidden)
	if n, _ := env.st.AuditCount(context.Background(), "user.register"); n != 0 {
		t.Fatalf("%d registrations went through", n)
	}
}

// TestRegisterFlood: registrations are limited per address and per client.
func TestRegisterFlood(t *testing.T) {
	env := newEnv(t)
	env.openRegistration()
	c := env.client()
	c.get("/register/acme")
	for range 5 {
		res := c.post("/register/acme", regForm("A", "B", "flood@x.test", testPassword))
		wantStatus(t, res, http.StatusOK)
	}
	res := c.post("/register/acme", regForm("A", "B", "flood@x.test", testPassword))
	wantStatus(t, res, http.StatusTooManyRequests)
	if res.Header.Get("Retry-After") == "" || !strings.Contains(res.body, "Too many registration attempts") {
		t.Fatalf("429 without Retry-After or message:\n%s", snippet(res.body))
	}
	// Per client: 30 an hour whatever the address.
	for i := 0; ; i++ {
		res := c.post("/register/acme", regForm("A", "B", fmt.Sprintf("x%d@x.test", i), testPassword))
		if res.StatusCode == http.StatusTooManyRequests {
			if i < 20 {
				t.Fatalf("client limit after %d", i)
			}
			break
		}
		if i > 40 {
			t.Fatal("no per-client limit")
		}
	}
}

// TestVerifyBadLinks: malformed, tampered, used and expired links get one
// page, and change nothing.
func TestVerifyBadLinks(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration("member")
	env.register(env.client(), "late@acme.test")
	link := env.verifyLinkFor("late@acme.test")
	token := strings.TrimPrefix(link, "/verify/")
	tampered := "/verify/" + token[:10] + flip(token[10]) + token[11:]
	c := env.client()
	var messages []string
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/verify/abc", http.StatusGone}, // malformed: the same answer as any bad link
		{"/verify/" + token + "x", http.StatusGone},
		{tampered, http.StatusGone},
	} {
		for _, post := range []bool{false, true} {
			var res response
			if post {
				res = c.post(tc.path, nil)
			} else {
				res = c.get(tc.path)
			}
			wantStatus(t, res, tc.status)
			messages = append(messages, res.doc.Find("main").Text())
		}
	}
	// Expired: a week and a day later by the store's clock.
	env.st.SetClock(func() time.Time { return time.Now().Add(8 * 24 * time.Hour) })
	wantStatus(t, c.get(link), http.StatusGone)
	res := c.post(link, nil)
	wantStatus(t, res, http.StatusGone)
	messages = append(messages, res.doc.Find("main").Text())
	env.st.SetClock(time.Now)
	for _, m := range messages {
		if m != messages[0] || !strings.Contains(m, "This link no longer works") {
			t.Fatalf("bad links say different things: %q vs %q", m, messages[0])
		}
	}
	if a, _ := env.accountByEmail("late@acme.test"); a.Status != "pending" {
		t.Fatalf("a bad link changed the account: %s", a.Status)
	}
	// Still good before expiry; then used.
	wantStatus(t, c.post(link, nil), http.StatusSeeOther)
	wantStatus(t, env.client().get(link), http.StatusGone)
}

// TestRegisterFrench: pages and emails in the visitor's language; the
// administrator's notice in theirs.
func TestRegisterFrench(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration()
	c := env.client()
	c.lang = "fr"
	form := c.get("/register/acme")
	if !strings.Contains(form.body, "Créez votre compte Acme") || !strings.Contains(form.body, "15 ou plus sont recommandés") {
		t.Fatalf("French form:\n%s", snippet(form.body))
	}
	bad := c.post("/register/acme", regForm("A", "B", "a@x.test", "password123"))
	if !strings.Contains(bad.doc.Find("#password-error").Text(), "trop courant") {
		t.Fatalf("French password error: %q", bad.doc.Find("#password-error").Text())
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
	if !strings.Contains(c.get(link).body, "Confirmer et me connecter") {
		t.Fatal("French confirm page")
	}
	c.post(link, nil)
	if home := c.get("/"); !strings.Contains(home.body, "Votre accès attend un administrateur") {
		t.Fatalf("French waiting page:\n%s", snippet(home.body))
	}
	if a, _ := env.accountByEmail("lea@acme.test"); a.Language != "fr" {
		t.Fatalf("account language %q, want fr", a.Language)
	}
}

// TestRegistrationLogin: the email, or its local part past 64 characters.
func TestRegistrationLogin(t *testing.T) {
	long := strings.Repeat("a", 60) + "@example.test"
	for in, want := range map[string]string{
		"nina@x.test":   "nina@x.test",
		long:            strings.Repeat("a", 60),
		"o'neil@x.test": "o-neil@x.test",
	} {
		if got := registrationLogin(in); got != want {
			t.Errorf("registrationLogin(%q) = %q, want %q", in, got, want)
		}
	}
	if got := withSuffix(strings.Repeat("b", 64)); len(got) != 64 || !strings.HasPrefix(got, strings.Repeat("b", 57)+"-") {
		t.Errorf("withSuffix: %q", got)
	}
}

func flip(b byte) string {
	if b == 'A' {
		return "B"
	}
	return "A"
}

// TestRegisterLoginTaken: a login already taken by someone else gets a suffix.
func TestRegisterLoginTaken(t *testing.T) {
	env := newEnv(t)
	env.openRegistration()
	n := store.NewAccount{Profile: store.Profile{FirstName: "Other", LastName: "Person", Email: "other@acme.test",
		Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "clash@x.test", Status: "active", AuthMethod: "password"}
	if _, err := env.st.CreateAccount(context.Background(), actorFor(env), n); err != nil {
		t.Fatal(err)
	}
	env.register(env.client(), "clash@x.test")
	a, ok := env.accountByEmail("clash@x.test")
	if !ok || !strings.HasPrefix(a.Login, "clash@x.test-") || len(a.Login) != len("clash@x.test-")+6 {
		t.Fatalf("account %+v", a)
	}
}
