package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRegisterExistingEmail: the same answer as a new registration, an
// "already have an account" email, a notice to administrators, no account.
func TestRegisterExistingEmail(t *testing.T) {
	t.Parallel()
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
// address mails a fresh link; the first stops working; a password posted
// either time never counts.
func TestRegisterAgainWhilePending(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	env.openRegistration("member")
	env.register(env.client(), "twice@acme.test")
	first := env.verifyLinkFor("twice@acme.test")
	c := env.client()
	c.get("/register/acme")
	again := regForm("Nina", "Newcomer", "twice@acme.test")
	again.Set("password", "a brand new passphrase") // a crafted post: the form has no such field
	res := c.post("/register/acme", again)
	wantStatus(t, res, http.StatusOK)
	second := env.verifyLinkFor("twice@acme.test")
	if first == second {
		t.Fatal("no fresh link")
	}
	if n := len(env.smtp.To("admin@acme.test")); n != 2 {
		t.Fatalf("administrators heard of %d attempts, want 2", n)
	}
	wantStatus(t, env.client().post(first, pw(testPassword)), http.StatusGone)
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
