package web

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// A NUL byte is valid UTF-8, but no text: PostgreSQL refuses it in a text
// column (SQLite would keep it). A sign-in with such an email, or a search of
// the users page for it, is refused with a clear message on both databases
// alike (422), never a server error on PostgreSQL only.
func TestReview15_NULByteInputAnswersAsOnSQLite(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	res, _ := env.client().signIn("admin\x00@acme.test", "wrong password!", "")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(pageText(res), "NUL") {
		t.Errorf("sign-in with a NUL byte in the email: status %d (%q), want 422 saying why", res.StatusCode, pageText(res))
	}

	c := env.client()
	c.signIn("admin@acme.test", testPassword, "")
	res = c.get("/users?q=ad%00min")
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("users search with a NUL byte: status %d, want 422", res.StatusCode)
	}
	key, _ := env.keyFor(env.admin, time.Time{})
	r := env.call(key, "POST", "/users", map[string]any{"login": "nul", "first_name": "N\x00L", "last_name": "Byte",
		"email": "nul@acme.test"})
	wantAPI(t, r, http.StatusUnprocessableEntity)
}
