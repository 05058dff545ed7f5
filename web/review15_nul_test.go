package web

import (
	"net/http"
	"testing"
)

// A NUL byte is valid UTF-8, so the input guard lets it through, and
// SQLite stores and compares it like any character; PostgreSQL refuses it
// in text (invalid byte sequence 0x00). A sign-in with such an email, or a
// search of the users page for it, must answer as on SQLite (a failed
// sign-in; an empty result), not with a server error on PostgreSQL only.
func TestReview15_NULByteInputAnswersAsOnSQLite(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	res, _ := env.client().signIn("admin\x00@acme.test", "wrong password!", "")
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign-in with a NUL byte in the email: status %d, want 401", res.StatusCode)
	}

	c := env.client()
	c.signIn("admin@acme.test", testPassword, "")
	res = c.get("/users?q=ad%00min")
	if res.StatusCode >= 500 {
		t.Errorf("users search with a NUL byte: status %d", res.StatusCode)
	}
}
