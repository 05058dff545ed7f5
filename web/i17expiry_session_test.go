package web

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// TestExpirySession: in the console, a role stops giving its page the
// moment it expires, and an expired account's session stops and it cannot
// sign in again, with no sweeper.
func TestExpirySession(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	ann := env.user("ann@acme.test", "standard", "active", "user_manager")
	bob := env.user("bob@acme.test", "standard", "active", "user_manager")
	now := time.Now().Truncate(time.Second)
	if err := env.st.SetAccountExpiry(ctx, actorFor(env), ann.ID, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoleExpiry(ctx, actorFor(env), bob.ID, env.roles["user_manager"], now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	ac, bc := env.signedIn("ann@acme.test"), env.signedIn("bob@acme.test")
	wantStatus(t, ac.get(tp("/users")), http.StatusOK)
	wantStatus(t, bc.get(tp("/users")), http.StatusOK)

	env.st.SetClock(func() time.Time { return now.Add(time.Minute) })
	if res := bc.get(tp("/users")); res.StatusCode == http.StatusOK {
		t.Fatalf("an expired role still opens the users page")
	}
	wantStatus(t, ac.get(tp("/users")), http.StatusOK)

	env.st.SetClock(func() time.Time { return now.Add(time.Hour) })
	if res := ac.get(tp("/users")); res.StatusCode == http.StatusOK {
		t.Fatalf("an expired account's session still works")
	}
	if res, _ := env.client().signIn("ann@acme.test", testPassword, ""); res.StatusCode == http.StatusSeeOther {
		t.Fatalf("an expired account signed in")
	}
}
