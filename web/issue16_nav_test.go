package web

import (
	"net/http"
	"testing"
)

// TestIssue16_MyAccountIsCurrentOnlyOnMine (defect 15): someone else's API
// keys page is not "My account"; the person's own account pages are.
func TestIssue16_MyAccountIsCurrentOnlyOnMine(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	other := env.user("other@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	res := c.get("/accounts/" + id(other) + "/keys")
	wantStatus(t, res, http.StatusOK)
	if _, on := res.doc.Find("a.me-link").Attr("aria-current"); on {
		t.Error("My account is marked current on another person's API keys")
	}
	for _, path := range []string{"/account", "/account/password"} {
		if v, _ := c.get(path).doc.Find("a.me-link").Attr("aria-current"); v != "page" {
			t.Errorf("%s: My account not marked current", path)
		}
	}
}
