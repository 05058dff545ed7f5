package web

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestVerifyBadLinks: malformed, tampered, used and expired links get one
// page, and change nothing.
func TestVerifyBadLinks(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	env.openRegistration("member")
	env.register(env.client(), "late@acme.test")
	link := env.verifyLinkFor("late@acme.test")
	token := strings.TrimPrefix(link, "/verify/")
	tampered := "/verify/" + token[:10] + flip(token[10]) + token[11:]
	c := env.client()
	var messages []string
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/verify/abc", http.StatusGone}, // malformed: the same answer as any bad link
		{"/verify/" + token + "x", http.StatusGone},
		{tampered, http.StatusGone},
	} {
		for _, post := range []bool{false, true} {
			var res response
			if post {
				res = c.post(tc.path, nil)
			} else {
				res = c.get(tc.path)
			}
			wantStatus(t, res, tc.status)
			messages = append(messages, res.doc.Find("main").Text())
		}
	}
	// Expired: a week and a day later by the store's clock.
	env.st.SetClock(func() time.Time { return time.Now().Add(8 * 24 * time.Hour) })
	wantStatus(t, c.get(link), http.StatusGone)
	res := c.post(link, pw(testPassword))
	wantStatus(t, res, http.StatusGone)
	messages = append(messages, res.doc.Find("main").Text())
	env.st.SetClock(time.Now)
	for _, m := range messages {
		if m != messages[0] || !strings.Contains(m, "This link no longer works") {
			t.Fatalf("bad links say different things: %q vs %q", m, messages[0])
		}
	}
	if a, _ := env.accountByEmail("late@acme.test"); a.Status != "pending" {
		t.Fatalf("a bad link changed the account: %s", a.Status)
	}
	// Still good before expiry; then used.
	env.confirm(c, link)
	wantStatus(t, env.client().get(link), http.StatusGone)
}

func flip(b byte) string {
	if b == 'A' {
		return "B"
	}
	return "A"
}
