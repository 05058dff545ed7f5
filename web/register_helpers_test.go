package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

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

// regForm is the registration form as a browser posts it: no password field.
func regForm(first, last, email string) url.Values {
	return url.Values{"first_name": {first}, "last_name": {last}, "email": {email}}
}

// pw is a password and its confirmation, as the confirmation page posts them.
func pw(password string) url.Values {
	return url.Values{"password": {password}, "confirm": {password}}
}

// confirm presses "Confirm and sign in" on a verification link, choosing testPassword.
func (e *testEnv) confirm(c *client, link string) response {
	e.t.Helper()
	res := c.post(link, pw(testPassword))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		e.t.Fatalf("confirm: %d %q\n%s", res.StatusCode, res.Header.Get("Location"), snippet(res.body))
	}
	return res
}

// register posts the form from a fresh visitor and checks the one answer.
func (e *testEnv) register(c *client, email string) response {
	e.t.Helper()
	c.get("/register/acme")
	res := c.post("/register/acme", regForm("Nina", "Newcomer", email))
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
