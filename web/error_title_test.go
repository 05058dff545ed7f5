package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestRefusedRequestsSayRefused: a page refusing a request (422 here, for
// bytes that are not UTF-8) is titled as a refusal, not as a fault of ours,
// in both languages.
func TestRefusedRequestsSayRefused(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	res := c.get("/users?q=%ff")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if h := strings.TrimSpace(res.doc.Find("h1").First().Text()); h != "Request refused" {
		t.Fatalf("title %q, want Request refused", h)
	}
	c.lang = "fr"
	env.french(env.admin)
	res = c.get("/users?q=%ff")
	if h := strings.TrimSpace(res.doc.Find("h1").First().Text()); h != "Requête refusée" {
		t.Fatalf("French title %q", h)
	}
}
