package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func TestForgotResetEndsSessionsAndWorksOnce(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	bob := env.user("bob@acme.test", "standard", "active", "auditor")
	// Bob is signed in on another device.
	laptop := env.signedIn("bob@acme.test")
	wantStatus(t, laptop.get("/users"), http.StatusOK)

	c := env.client()
	c.get("/password/forgot")
	res := c.post("/password/forgot", url.Values{"email": {"BOB@acme.test"}})
	wantStatus(t, res, http.StatusOK)
	known := res.doc.Find("main").Text()
	// An unknown address gets the very same answer, and no email.
	res = c.post("/password/forgot", url.Values{"email": {"nobody@acme.test"}})
	wantStatus(t, res, http.StatusOK)
	if unknown := res.doc.Find("main").Text(); strings.ReplaceAll(unknown, "nobody", "BOB") != strings.ReplaceAll(known, "bob", "BOB") {
		t.Fatalf("answers differ:\n%s\n%s", known, unknown)
	}
	subject, text := env.mailTo("bob@acme.test")
	if !strings.Contains(subject, "Reset your Acme password") {
		t.Fatalf("subject %q", subject)
	}
	if len(env.smtp.To("nobody@acme.test")) != 0 {
		t.Fatal("mail sent to an unknown address")
	}
	link := env.path(env.linkIn(text, "/password/reset/"))
	wantStatus(t, c.get(link), http.StatusOK)
	res = c.post(link, url.Values{"password": {"123456789"}, "confirm": {"123456789"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	res = c.post(link, url.Values{"password": {"bob's brand new passphrase"}, "confirm": {"bob's brand new passphrase"}})
	wantStatus(t, res, http.StatusOK)
	// Every session ended: the laptop is back at sign-in.
	wantStatus(t, laptop.get("/users"), http.StatusSeeOther)
	// The link worked once.
	wantStatus(t, c.post(link, url.Values{"password": {"yet another passphrase"}, "confirm": {"yet another passphrase"}}), http.StatusGone)
	// The new password signs in; the old does not.
	if res, _ := env.client().signIn("bob@acme.test", testPassword, ""); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("old password: %d", res.StatusCode)
	}
	if res, _ := env.client().signIn("bob@acme.test", "bob's brand new passphrase", ""); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new password: %d", res.StatusCode)
	}
	for _, action := range []store.Action{store.ActionUserPasswordResetRequest, store.ActionUserPasswordReset} {
		if n, _ := env.st.AuditCount(ctx, action); n != 1 {
			t.Errorf("%s events: %d", action, n)
		}
	}
	events, _ := env.st.AuditEvents(ctx, env.tenant.ID, storeFilter())
	for _, e := range events {
		for _, v := range e.Details {
			if s, ok := v.(string); ok && strings.Contains(text, s) && len(s) > 20 {
				t.Fatalf("audit %s carries part of the email: %q", e.Action, s)
			}
		}
	}
	_ = bob
}

func TestResetLinkExpiresAndRejectsTampering(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	clock := &fixedClock{t: time.Now()}
	env.h.SetClock(clock.now)
	env.st.SetClock(clock.now)
	env.user("eve@acme.test", "standard", "active")
	c := env.client()
	c.get("/password/forgot")
	wantStatus(t, c.post("/password/forgot", url.Values{"email": {"eve@acme.test"}}), http.StatusOK)
	_, text := env.mailTo("eve@acme.test")
	link := env.path(env.linkIn(text, "/password/reset/"))
	token := strings.TrimPrefix(link, "/password/reset/")
	tampered := token[:len(token)-1] + map[bool]string{true: "A", false: "B"}[token[len(token)-1] != 'A']
	for name, path := range map[string]string{"tampered": "/password/reset/" + tampered, "malformed": "/password/reset/x",
		"an invitation path": "/invite/" + token} {
		res := c.get(path)
		if res.StatusCode != http.StatusGone || !strings.Contains(res.body, "no longer works") {
			t.Errorf("%s: status %d", name, res.StatusCode)
		}
	}
	clock.t = clock.t.Add(31 * time.Minute)
	wantStatus(t, c.get(link), http.StatusGone)
	wantStatus(t, c.post(link, url.Values{"password": {"a fine long passphrase"}, "confirm": {"a fine long passphrase"}}), http.StatusGone)
	if res, _ := env.client().signIn("eve@acme.test", testPassword, ""); res.StatusCode != http.StatusSeeOther {
		t.Fatal("an expired link changed the password")
	}
}

func TestForgotPasswordIsRateLimited(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	env.user("flood@acme.test", "standard", "active")
	c := env.client()
	c.get("/password/forgot")
	var res response
	for i := 0; i < 6; i++ {
		res = c.post("/password/forgot", url.Values{"email": {"flood@acme.test"}})
	}
	wantStatus(t, res, http.StatusTooManyRequests)
	if res.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
	if n := env.deliver(); n != 5 {
		t.Fatalf("%d emails for one address, want 5", n)
	}
	// Bad input: an empty or invalid address is a form error, not a send.
	wantStatus(t, env.client().post("/password/forgot", url.Values{"email": {""}}), http.StatusUnprocessableEntity)
	wantStatus(t, env.client().post("/password/forgot", url.Values{"email": {strings.Repeat("a", 250) + "@x.io"}}), http.StatusUnprocessableEntity)
}

func TestResetLinkOfOneTenantChangesOnlyItsAccount(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	other, roles := env.newTenant("Globex", "globex")
	mine := env.user("same@example.org", "standard", "active")
	theirs := env.userIn(other.ID, roles, "same@example.org", "standard", "active")
	c := env.client()
	c.get("/password/forgot")
	wantStatus(t, c.post("/password/forgot", url.Values{"email": {"same@example.org"}}), http.StatusOK)
	env.deliver()
	msgs := env.smtp.To("same@example.org")
	if len(msgs) != 2 {
		t.Fatalf("%d emails, want one per tenant", len(msgs))
	}
	var globexLink string
	for _, m := range msgs {
		if strings.Contains(m.Subject, "Globex") {
			globexLink = env.path(env.linkIn(m.Text, "/password/reset/"))
		}
	}
	wantStatus(t, c.post(globexLink, url.Values{"password": {"globex only passphrase"}, "confirm": {"globex only passphrase"}}), http.StatusOK)
	a, _ := env.st.Account(ctx, env.tenant.ID, mine.ID)
	b, _ := env.st.Account(ctx, other.ID, theirs.ID)
	if a.PasswordHash == b.PasswordHash || a.PasswordHash != mine.PasswordHash {
		t.Fatal("a Globex link changed the Acme account")
	}
}

func storeFilter() store.AuditFilter { return store.AuditFilter{Limit: 500} }
