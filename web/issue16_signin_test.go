package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// Issue 16, "what peers have": Last sign-in beside last active. It is
// written when a session starts (password or SSO), never on a failed
// attempt, and shown in the users table, on the user page and by the API.

// signedInAt is an account's last sign-in as the store has it.
func signedInAt(t *testing.T, env *testEnv, a store.Account) time.Time {
	t.Helper()
	got, err := env.st.Account(context.Background(), a.TenantID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got.LastSignInAt
}

func TestIssue16PasswordSignInSetsLastSignIn(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	carol := env.user("carol@acme.test", "standard", "active", "member")
	// A wrong password leaves it unset.
	c := env.client()
	res, _ := c.signIn("bob@acme.test", "not the password", "")
	wantStatus(t, res, http.StatusUnauthorized)
	if at := signedInAt(t, env, bob); !at.IsZero() {
		t.Fatalf("a failed sign-in recorded last_signin_at %v", at)
	}
	before := time.Now().Add(-time.Second)
	res, _ = c.signIn("bob@acme.test", testPassword, "")
	wantStatus(t, res, http.StatusSeeOther)
	at := signedInAt(t, env, bob)
	if at.Before(before.Truncate(time.Second)) || at.After(time.Now().Add(time.Second)) {
		t.Fatalf("after signing in, last_signin_at = %v, want about now", at)
	}
	// Another failure keeps the last success.
	c2 := env.client()
	c2.signIn("bob@acme.test", "wrong again", "")
	if again := signedInAt(t, env, bob); !again.Equal(at) {
		t.Errorf("a failed sign-in moved last_signin_at from %v to %v", at, again)
	}

	// The table: a line under Last active, "Never" for carol.
	admin := env.signedIn("admin@acme.test")
	page := admin.get("/users")
	wantStatus(t, page, http.StatusOK)
	bobCell := page.doc.Find("#user-" + id(bob) + " td.last-active .last-signin").Text()
	carolCell := page.doc.Find("#user-" + id(carol) + " td.last-active .last-signin").Text()
	if !strings.HasPrefix(bobCell, "Sign-in: ") || strings.Contains(bobCell, "Never") {
		t.Errorf("bob's sign-in line = %q, want a time", bobCell)
	}
	if carolCell != "Sign-in: Never" {
		t.Errorf("carol's sign-in line = %q, want Sign-in: Never", carolCell)
	}
	// The user page's profile, beside Last active.
	up := admin.get("/users/" + id(bob) + "/page")
	wantStatus(t, up, http.StatusOK)
	if dt := up.doc.Find("#user-last-signin").Prev().Text(); dt != "Last sign-in" {
		t.Errorf("user page label = %q", dt)
	}
	if dd := up.doc.Find("#user-last-signin time").AttrOr("datetime", ""); dd != at.UTC().Format("2006-01-02T15:04:05Z") {
		t.Errorf("user page last sign-in datetime = %q, want %s", dd, at.UTC().Format(time.RFC3339))
	}
	if dd := strings.TrimSpace(admin.get("/users/" + id(carol) + "/page").doc.Find("#user-last-signin").Text()); dd != "Never" {
		t.Errorf("carol's user page says %q, want Never", dd)
	}
	// The API: RFC 3339 or null, in the list and the single user.
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	one := env.call(key, http.MethodGet, "/users/"+id(bob), nil)
	wantAPI(t, one, http.StatusOK)
	if s, _ := one.body["last_signin_at"].(string); s != at.UTC().Format(time.RFC3339) {
		t.Errorf("API last_signin_at = %v, want %s", one.body["last_signin_at"], at.UTC().Format(time.RFC3339))
	}
	none := env.call(key, http.MethodGet, "/users/"+id(carol), nil)
	if v, ok := none.body["last_signin_at"]; !ok || v != nil {
		t.Errorf("API last_signin_at for carol = %v (present %v), want null", v, ok)
	}
	list := env.call(key, http.MethodGet, "/users?q=bob", nil)
	items, _ := list.body["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["last_signin_at"] == nil {
		t.Errorf("API list items = %v, want bob with last_signin_at", items)
	}
}

func TestIssue16SSOSignInSetsLastSignIn(t *testing.T) {
	t.Parallel()
	env, idp := newSSOEnv(t)
	alice := env.ssoAccount(env.tenant.ID, "user", "alice@example.com", "active")
	if at := signedInAt(t, env, alice); !at.IsZero() {
		t.Fatalf("before any sign-in last_signin_at = %v", at)
	}
	c := env.client()
	wantStatus(t, ssoDance(c, idp, "alice@example.com"), http.StatusSeeOther)
	if at := signedInAt(t, env, alice); at.IsZero() || time.Since(at) > time.Minute {
		t.Errorf("after an SSO sign-in last_signin_at = %v, want about now", at)
	}
}
