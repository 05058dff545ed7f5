package web

import (
	"net/http"
	"testing"
)

// Signing a request in (session, account, the tenant acted in, permissions)
// is one statement: a page refused before its handler runs no other.
func TestIssue18SignInIsOneStatement(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.freezeSessions()
	c := env.signedIn("admin@acme.test")
	for _, path := range []string{"/t/nosuch/users", "/t/nosuch/users?size=200&q=ann"} {
		before := env.st.Statements()
		wantStatus(t, c.get(path), http.StatusNotFound)
		if n := env.st.Statements() - before; n != 1 {
			t.Errorf("%s ran %d statements, want 1 (the sign-in's)", path, n)
		}
	}
}
