package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPIKeyRefusals: no key, a malformed, unknown, wrong-secret, revoked or
// expired key, or a deactivated account's key gets 401 problem+json; a console
// session cookie is no API credential.
func TestAPIKeyRefusals(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	good, _ := env.keyFor(env.admin, time.Time{})
	wantAPI(t, env.call(good, "GET", "/users", nil), 200)

	revoked, rk := env.keyFor(env.admin, time.Time{})
	wantAPI(t, env.call(revoked, "GET", "/users", nil), 200)
	if _, err := env.st.RevokeAPIKey(ctx, actorFor(env), env.admin.ID, rk.ID); err != nil {
		t.Fatal(err)
	}
	clock := &fixedClock{t: time.Now()}
	env.h.API().SetClock(clock.now)
	expiring, _ := env.keyFor(env.admin, clock.t.Add(time.Hour))
	wantAPI(t, env.call(expiring, "GET", "/users", nil), 200)
	clock.t = clock.t.Add(time.Hour)

	svc := env.service("Billing sync", env.roles["auditor"])
	svcKey, _ := env.keyFor(svc, time.Time{})
	wantAPI(t, env.call(svcKey, "GET", "/users", nil), 200)
	if _, err := env.st.SetStatus(ctx, actorFor(env), svc.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}

	for name, key := range map[string]string{"none": "", "malformed": "nope", "unknown": "csk_0123456789abcdef_" + strings.Repeat("a", 32),
		"wrong secret": good[:len(good)-4] + "aaaa", "revoked": revoked, "expired": expiring, "deactivated account": svcKey} {
		t.Run(name, func(t *testing.T) {
			r := env.call(key, "GET", "/users", nil)
			wantAPI(t, r, http.StatusUnauthorized)
			if r.header.Get("WWW-Authenticate") == "" || num(r.body["status"]) != 401 || r.body["title"] == nil {
				t.Errorf("problem %v, WWW-Authenticate %q", r.body, r.header.Get("WWW-Authenticate"))
			}
		})
	}

	t.Run("session cookie", func(t *testing.T) {
		c := env.signedIn("admin@acme.test")
		res := c.get("/api/v1/users")
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("a signed-in browser reached the API: %d", res.StatusCode)
		}
		req, _ := http.NewRequest("POST", env.srv.URL+"/api/v1/users", strings.NewReader(`{}`))
		res = c.do(req)
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("POST with a session: %d", res.StatusCode)
		}
	})
}

// service creates a service account holding roleIDs.
func (e *testEnv) service(name string, roleIDs ...int64) store.Account {
	e.t.Helper()
	sa, err := e.st.CreateServiceAccount(context.Background(), actorFor(e), store.NewServiceAccount{Name: name, RoleIDs: roleIDs})
	if err != nil {
		e.t.Fatal(err)
	}
	return sa.Account
}

// TestAPILastUsedOncePerMinute: last used moves on the first call and then
// only once a minute has passed.
func TestAPILastUsedOncePerMinute(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	clock := &fixedClock{t: time.Unix(1_800_000_000, 0)}
	env.h.API().SetClock(clock.now)
	key, k := env.keyFor(env.admin, time.Time{})
	lastUsed := func() time.Time {
		keys, err := env.st.APIKeys(context.Background(), env.tenant.ID, env.admin.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range keys {
			if x.ID == k.ID {
				return x.LastUsedAt
			}
		}
		t.Fatal("key gone")
		return time.Time{}
	}
	env.call(key, "GET", "/users", nil)
	if got := lastUsed(); !got.Equal(clock.t) {
		t.Fatalf("last used %v, want %v", got, clock.t)
	}
	first := clock.t
	clock.t = clock.t.Add(59 * time.Second)
	env.call(key, "GET", "/users", nil)
	if got := lastUsed(); !got.Equal(first) {
		t.Fatalf("written again within the minute: %v", got)
	}
	clock.t = clock.t.Add(time.Second)
	env.call(key, "GET", "/users", nil)
	if got := lastUsed(); !got.Equal(clock.t) {
		t.Fatalf("last used %v after a minute, want %v", got, clock.t)
	}
}

// TestAPIRateLimit: past the burst an account gets 429 with Retry-After, on
// every one of its keys (they share one budget); another account's key is
// unaffected; time refills the bucket.
func TestAPIRateLimit(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	clock := &fixedClock{t: time.Unix(1_800_000_000, 0)}
	env.h.API().SetClock(clock.now)
	key, _ := env.keyFor(env.admin, time.Time{})
	sameAccount, _ := env.keyFor(env.admin, time.Time{})
	other, _ := env.keyFor(env.user("other@acme.test", "admin", "active"), time.Time{})
	for i := range 100 {
		if r := env.call(key, "GET", "/permissions", nil); r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := env.call(key, "GET", "/permissions", nil)
	wantAPI(t, r, http.StatusTooManyRequests)
	if r.header.Get("Retry-After") != "1" {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	// A second key of the same account draws on the same budget.
	wantAPI(t, env.call(sameAccount, "GET", "/permissions", nil), http.StatusTooManyRequests)
	wantAPI(t, env.call(other, "GET", "/permissions", nil), 200)
	clock.t = clock.t.Add(time.Second)
	wantAPI(t, env.call(key, "GET", "/permissions", nil), 200)
}

// TestAPIRateLimitPerAddress: many accounts calling from one address share
// that address's budget too.
func TestAPIRateLimitPerAddress(t *testing.T) {
	env := newEnvWith(t, t, false, func(c *Config) { c.API.RatePerSecond, c.API.Burst, c.API.AddressBurst = 1, 2, 5 })
	clock := &fixedClock{t: time.Unix(1_800_000_000, 0)}
	env.h.API().SetClock(clock.now)
	var keys []string
	for i := range 3 {
		k, _ := env.keyFor(env.user(fmt.Sprintf("svc%d@acme.test", i), "admin", "active"), time.Time{})
		keys = append(keys, k)
	}
	// Three accounts with a burst of 2 each could make 6 requests; the address allows 5.
	for i := range 5 {
		wantAPI(t, env.call(keys[i%3], "GET", "/permissions", nil), 200)
	}
	r := env.call(keys[2], "GET", "/permissions", nil)
	wantAPI(t, r, http.StatusTooManyRequests)
	if r.header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}

// TestAPIFailedAuthLimit: failed authentications (no key, a malformed one,
// an unknown one, a wrong secret) are limited per address: past ten a
// minute the address gets 429 with Retry-After, even with a good key, until
// time passes.
func TestAPIFailedAuthLimit(t *testing.T) {
	env := newEnv(t)
	clock := &fixedClock{t: time.Unix(1_800_000_000, 0)}
	env.h.API().SetClock(clock.now)
	good, _ := env.keyFor(env.admin, time.Time{})
	prefix, _, _ := strings.Cut(good, "_")
	wrongSecret := good[:len(good)-1] + map[bool]string{true: "b", false: "a"}[strings.HasSuffix(good, "a")]
	bad := []string{"", "garbage", prefix + "_0123456789abcdef_" + strings.Repeat("s", 32), wrongSecret}
	for i := range 10 {
		wantAPI(t, env.call(bad[i%len(bad)], "GET", "/permissions", nil), http.StatusUnauthorized)
	}
	r := env.call(bad[1], "GET", "/permissions", nil)
	wantAPI(t, r, http.StatusTooManyRequests)
	if r.header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
	wantAPI(t, env.call(good, "GET", "/permissions", nil), http.StatusTooManyRequests)
	clock.t = clock.t.Add(time.Minute)
	wantAPI(t, env.call(good, "GET", "/permissions", nil), 200)
}
