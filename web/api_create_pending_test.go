package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestAPICreatesPendingLikeTheConsole: creating a password user without a
// password through the API does what the console does (one operation): the
// account is pending, an activation email goes out in its language, and its
// link lets the person choose a password and sign in.
func TestAPICreatesPendingLikeTheConsole(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	key, _ := env.keyFor(env.admin, time.Time{})
	r := env.call(key, "POST", "/users", map[string]any{"login": "zoe", "first_name": "Zoë", "last_name": "Smith",
		"email": "zoe@acme.test", "language": "fr"})
	wantAPI(t, r, http.StatusCreated)
	if r.body["status"] != "pending" {
		t.Fatalf("status %v, want pending: %s", r.body["status"], r.raw)
	}
	mails, err := env.st.Outbox(context.Background(), env.tenant.ID, 0, 5)
	if err != nil || len(mails) != 1 || mails[0].Kind != "activation" || mails[0].To != "zoe@acme.test" {
		t.Fatalf("outbox %+v (%v), want one activation to zoe@acme.test", mails, err)
	}
	if !strings.Contains(mails[0].Subject, "Activez") && !strings.Contains(mails[0].Text, "mot de passe") {
		t.Fatalf("activation not in French: %q", mails[0].Subject)
	}
	link := env.path(env.linkIn(mails[0].Text, "/invite/"))
	c := env.client()
	page := c.get(link)
	wantStatus(t, page, http.StatusOK)
	res := c.post(link, url.Values{"password": {"a long enough passphrase"}, "confirm": {"a long enough passphrase"}})
	if res.StatusCode >= 400 {
		t.Fatalf("choosing the password: %d\n%s", res.StatusCode, snippet(res.body))
	}
	if a, _ := env.accountByEmail("zoe@acme.test"); a.Status != "active" {
		t.Fatalf("after the link: status %s, want active", a.Status)
	}
	// The same request as the console's form: a password given is kept, and
	// an account made by someone without users.manage is refused the same way.
	r = env.call(key, "POST", "/users", map[string]any{"login": "max", "first_name": "Max", "last_name": "M",
		"email": "max@acme.test", "password": "short"})
	wantAPI(t, r, http.StatusUnprocessableEntity)
	if !fieldErrors(r)["password"] {
		t.Fatalf("a short password is not refused on its field: %s", r.raw)
	}
}
