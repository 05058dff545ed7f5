package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestRegisterPreAccountHijack: someone registers another person's address
// with a password of their choice. Registration takes no password, so when
// the owner confirms from their mailbox they choose the password, and the
// one the attacker typed never signs in.
func TestRegisterPreAccountHijack(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration("member")
	attacker := env.client()
	form := attacker.get("/register/acme")
	if form.doc.Find(`form input[type="password"], #password`).Length() != 0 {
		t.Fatalf("the registration form asks for a password:\n%s", snippet(form.body))
	}
	posted := regForm("Vic", "Tim", "victim@acme.test")
	posted.Set("password", "the attacker's passphrase")
	wantStatus(t, attacker.post("/register/acme", posted), http.StatusOK)
	if a, ok := env.accountByEmail("victim@acme.test"); !ok || a.PasswordHash != "" {
		t.Fatalf("the pending account keeps a password typed at registration: %+v", a)
	}

	link := env.verifyLinkFor("victim@acme.test")
	owner := env.client()
	page := owner.get(link)
	if page.doc.Find("#password").Length() != 1 || page.doc.Find("#confirm").Length() != 1 {
		t.Fatalf("the confirmation page asks no password:\n%s", snippet(page.body))
	}
	wantStatus(t, owner.post(link, nil), http.StatusUnprocessableEntity)
	if a, _ := env.accountByEmail("victim@acme.test"); a.Status != "pending" {
		t.Fatalf("confirming without a password activated the account: %s", a.Status)
	}
	env.confirm(owner, link)
	if res, _ := env.client().signIn("victim@acme.test", "the attacker's passphrase", ""); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the attacker's password signs in: %d", res.StatusCode)
	}
	if res, _ := env.client().signIn("victim@acme.test", testPassword, ""); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner's password does not sign in: %d", res.StatusCode)
	}
}

// TestVerifyPasswordPolicy: the password chosen on confirming follows the
// policy, said beside the field, in the visitor's language.
func TestVerifyPasswordPolicy(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration()
	env.register(env.client(), "pol@acme.test")
	link := env.verifyLinkFor("pol@acme.test")
	c := env.client()
	for _, tc := range []struct {
		name, field, password, confirm, says string
	}{
		{"weak password", "password", "short", "short", "at least 8"},
		{"common password", "password", "password123", "password123", "too common"},
		{"too long password", "password", strings.Repeat("p", 129), strings.Repeat("p", 129), "at most 128"},
		{"mismatch", "confirm", testPassword, testPassword + "!", "differ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.post(link, url.Values{"password": {tc.password}, "confirm": {tc.confirm}})
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if msg := res.doc.Find("#" + tc.field + "-error").Text(); !strings.Contains(msg, tc.says) {
				t.Fatalf("%s error %q, want %q", tc.field, msg, tc.says)
			}
			if v, _ := res.doc.Find("#password").Attr("value"); v != "" {
				t.Fatal("the password was echoed back")
			}
		})
	}
	fr := env.client()
	fr.lang = "fr"
	page := fr.get(link)
	if !strings.Contains(page.body, "15 ou plus recommandés") {
		t.Fatalf("French confirmation page:\n%s", snippet(page.body))
	}
	bad := fr.post(link, pw("password123"))
	if !strings.Contains(bad.doc.Find("#password-error").Text(), "trop courant") {
		t.Fatalf("French password error: %q", bad.doc.Find("#password-error").Text())
	}
	if a, _ := env.accountByEmail("pol@acme.test"); a.Status != "pending" {
		t.Fatalf("a refused password activated the account: %s", a.Status)
	}
}

// TestActivateUnconfirmedRegistration: an administrator cannot activate a
// self-registration whose address is unconfirmed (in the console, in the
// sidebar and as a toast, or through the API); only its owner can, by
// confirming.
func TestActivateUnconfirmedRegistration(t *testing.T) {
	env := newMailEnv(t)
	env.openRegistration("member")
	env.register(env.client(), "unconfirmed@acme.test")
	a, _ := env.accountByEmail("unconfirmed@acme.test")
	const says = "has not confirmed their email address yet"
	admin := env.signedIn("admin@acme.test")

	side := admin.post("/users/"+id(a)+"/activate", nil, htmx("sidebar")...)
	wantStatus(t, side, http.StatusUnprocessableEntity)
	if !strings.Contains(side.body, says) {
		t.Fatalf("sidebar refusal:\n%s", snippet(side.body))
	}
	row := admin.post("/users/"+id(a)+"/activate", nil, htmx("user-"+id(a))...)
	wantStatus(t, row, http.StatusConflict)
	if !strings.Contains(row.body, says) {
		t.Fatalf("toast refusal:\n%s", snippet(row.body))
	}

	key, _ := env.keyFor(env.admin, time.Time{})
	res := env.call(key, http.MethodPost, "/users/"+id(a)+"/activate", nil)
	wantAPI(t, res, http.StatusConflict)
	if d, _ := res.body["detail"].(string); !strings.Contains(d, says) {
		t.Fatalf("API detail %q", d)
	}
	res = env.callLang(key, "fr", http.MethodPost, "/users/"+id(a)+"/activate", nil)
	if d, _ := res.body["detail"].(string); !strings.Contains(d, "n’a pas encore confirmé son adresse") {
		t.Fatalf("French API detail %q", d)
	}
	if got, _ := env.st.Account(context.Background(), env.tenant.ID, a.ID); got.Status != "pending" {
		t.Fatalf("an administrator activated an unconfirmed registration: %s", got.Status)
	}

	// The owner confirms; the account is theirs and active.
	env.confirm(env.client(), env.verifyLinkFor("unconfirmed@acme.test"))
	if got, _ := env.st.Account(context.Background(), env.tenant.ID, a.ID); got.Status != "active" {
		t.Fatalf("after confirming: %s", got.Status)
	}
}
