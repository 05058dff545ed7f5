package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestRegisterFlood: registrations are limited per address and per client.
func TestRegisterFlood(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.openRegistration()
	c := env.client()
	c.get("/register/acme")
	for range 5 {
		res := c.post("/register/acme", regForm("A", "B", "flood@x.test"))
		wantStatus(t, res, http.StatusOK)
	}
	res := c.post("/register/acme", regForm("A", "B", "flood@x.test"))
	wantStatus(t, res, http.StatusTooManyRequests)
	if res.Header.Get("Retry-After") == "" || !strings.Contains(res.body, "Too many registration attempts") {
		t.Fatalf("429 without Retry-After or message:\n%s", snippet(res.body))
	}
	// Per client: 30 an hour whatever the address.
	for i := 0; ; i++ {
		res := c.post("/register/acme", regForm("A", "B", fmt.Sprintf("x%d@x.test", i)))
		if res.StatusCode == http.StatusTooManyRequests {
			if i < 20 {
				t.Fatalf("client limit after %d", i)
			}
			break
		}
		if i > 40 {
			t.Fatal("no per-client limit")
		}
	}
}
