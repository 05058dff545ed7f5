package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestExpiryInTheUsersTable: the users table says when an account will
// expire, and once it has, Expired instead of Active (the account is refused
// at check time; the table must not call it active).
func TestExpiryInTheUsersTable(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	soon := env.user("soon@acme.test", "standard", "active", "member")
	gone := env.user("gone@acme.test", "standard", "active", "member")
	now := time.Now().Truncate(time.Second)
	for who, at := range map[int64]time.Duration{soon.ID: 72 * time.Hour, gone.ID: time.Hour} {
		if err := env.st.SetAccountExpiry(ctx, actorFor(env), who, now.Add(at)); err != nil {
			t.Fatal(err)
		}
	}
	env.st.SetClock(func() time.Time { return now.Add(2 * time.Hour) })
	res := env.signedIn("admin@acme.test").get("/users?q=acme.test")
	wantStatus(t, res, http.StatusOK)
	status := func(a int64) string { return text(res.doc.Find("#" + "user-" + id64(a) + " td").Eq(5)) }
	if got := status(gone.ID); !strings.Contains(got, "Expired") || strings.Contains(got, "Active") {
		t.Errorf("an expired account's status cell says %q, want Expired and not Active", got)
	}
	if got := status(soon.ID); !strings.Contains(got, "Active") || !strings.Contains(got, "expires") {
		t.Errorf("an account that expires in a day says %q, want Active and when it expires", got)
	}
}
