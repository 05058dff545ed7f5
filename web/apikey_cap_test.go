package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestKeyCapConsole: past CONSOLE_MAX_KEYS_PER_ACCOUNT active keys, the
// console refuses another with a clear message; revoking one makes room.
func TestKeyCapConsole(t *testing.T) {
	env := newEnvWith(t, t, false, func(c *Config) { c.MaxKeysPerAccount = 2 })
	c := env.signedIn("admin@acme.test")
	for _, name := range []string{"one", "two"} {
		wantStatus(t, c.post("/account/keys", url.Values{"name": {name}, "expires": {"never"}}), http.StatusOK)
	}
	res := c.post("/account/keys", url.Values{"name": {"three"}, "expires": {"never"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := res.doc.Find("#keys-error").Text(); !strings.Contains(msg, "2 active keys") {
		t.Fatalf("message %q, want one naming the cap", msg)
	}
	if res.doc.Find("#new-key").Length() != 0 {
		t.Fatal("a key was shown")
	}
	// The same for another account's keys.
	svc := env.user("bob@acme.test", "standard", "active", "member")
	env.keyFor(svc, time.Time{})
	env.keyFor(svc, time.Time{})
	res = c.post("/accounts/"+id(svc)+"/keys", url.Values{"name": {"three"}, "expires": {"never"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if msg := res.doc.Find("#keys-error").Text(); !strings.Contains(msg, "2 active keys") {
		t.Fatalf("message %q", msg)
	}
}

// TestKeyCapAPI: the API answers 409 with a problem naming the cap.
func TestKeyCapAPI(t *testing.T) {
	env := newEnvWith(t, t, false, func(c *Config) { c.MaxKeysPerAccount = 2 })
	key, _ := env.keyFor(env.admin, time.Time{})
	body := map[string]any{"name": "more", "expires": "30d"}
	wantAPI(t, env.call(key, "POST", "/accounts/"+id(env.admin)+"/keys", body), http.StatusCreated)
	r := env.call(key, "POST", "/accounts/"+id(env.admin)+"/keys", body)
	wantAPI(t, r, http.StatusConflict)
	if d, _ := r.body["detail"].(string); !strings.Contains(d, "2 active keys") {
		t.Fatalf("detail %q", d)
	}
	r = env.callLang(key, "fr", "POST", "/accounts/"+id(env.admin)+"/keys", body)
	if d, _ := r.body["detail"].(string); r.status != http.StatusConflict || !strings.Contains(d, "2 clés actives") {
		t.Fatalf("French: %d %q", r.status, d)
	}
}

// TestKeyCapDefault: without configuration the cap is 50.
func TestKeyCapDefault(t *testing.T) {
	env := newEnv(t)
	if env.h.maxKeys != 50 {
		t.Fatalf("default cap %d, want 50", env.h.maxKeys)
	}
}
