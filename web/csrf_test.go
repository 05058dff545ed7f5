package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// csrfCookieIn is the CSRF cookie the client's jar holds, or nil.
func (c *client) csrfCookieIn() *http.Cookie {
	u, _ := url.Parse(c.base)
	for _, ck := range c.http.Jar.Cookies(u) {
		if strings.HasSuffix(ck.Name, "console_csrf") {
			return ck
		}
	}
	return nil
}

// setCookie plants a cookie in the client's jar, as a sibling site could.
func (c *client) setCookie(name, value string) {
	u, _ := url.Parse(c.base)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// TestCSRFBoundToSession: a token is worth only for the session it was made
// for. A cookie and field that merely match (double submit) are refused, and
// so is a token taken from another person's session.
func TestCSRFBoundToSession(t *testing.T) {
	env := newEnv(t)
	target := env.user("bob@acme.test", "standard", "active", "member")
	mallory := env.signedIn(env.user("mallory@acme.test", "standard", "active", "member").Email)
	admin := env.signedIn("admin@acme.test")
	deactivate := "/users/" + id(target) + "/deactivate"
	t.Run("planted matching cookie", func(t *testing.T) {
		planted := strings.Repeat("A", 43)
		admin.setCookie("console_csrf", planted)
		res := admin.post(deactivate, url.Values{"_csrf": {planted}})
		wantStatus(t, res, http.StatusForbidden)
	})
	t.Run("another session's token", func(t *testing.T) {
		if ck := mallory.csrfCookieIn(); ck != nil {
			admin.setCookie(ck.Name, ck.Value)
		}
		res := admin.post(deactivate, url.Values{"_csrf": {mallory.csrf}})
		wantStatus(t, res, http.StatusForbidden)
	})
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, target.ID); a.Status != "active" {
		t.Fatal("a forged token changed the account")
	}
	// The page's own token still works.
	admin.get("/users")
	res := admin.post(deactivate, nil, "HX-Request", "true", "HX-Target", "user-"+id(target))
	wantStatus(t, res, http.StatusOK)
}

// TestCSRFRotatesAtSignIn: the token a visitor had before signing in (which
// whoever planted their cookie may know) is refused once they are signed in.
func TestCSRFRotatesAtSignIn(t *testing.T) {
	env := newEnv(t)
	target := env.user("bob@acme.test", "standard", "active", "member")
	c := env.client()
	c.get("/signin")
	before := c.csrf
	res := c.post("/signin", url.Values{"email": {"admin@acme.test"}, "password": {testPassword}})
	wantStatus(t, res, http.StatusSeeOther)
	c.get("/users")
	if c.csrf == before || c.csrf == "" {
		t.Fatalf("token %q did not change at sign-in", c.csrf)
	}
	wantStatus(t, c.post("/users/"+id(target)+"/deactivate", url.Values{"_csrf": {before}}), http.StatusForbidden)
}

// TestCSRFCookieName: with Secure cookies the CSRF cookie carries the
// __Host- prefix (so no sibling host can set it); on loopback HTTP it cannot.
func TestCSRFCookieName(t *testing.T) {
	for _, secure := range []bool{true, false} {
		env := newEnvWith(t, t, false, func(c *Config) { c.SecureCookies = secure })
		res, err := http.Get(env.srv.URL + "/signin")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		var got *http.Cookie
		for _, ck := range res.Cookies() {
			if strings.HasSuffix(ck.Name, "console_csrf") {
				got = ck
			}
		}
		want := map[bool]string{true: "__Host-console_csrf", false: "console_csrf"}[secure]
		if got == nil || got.Name != want || got.Secure != secure || got.Path != "/" || got.Domain != "" || !got.HttpOnly {
			t.Fatalf("secure=%v: CSRF cookie %+v, want %s", secure, got, want)
		}
	}
}

// TestCSRFCrossOrigin: a state-changing request from another site is refused
// even with a good token; the console's own origin passes; the API (keys, no
// cookies) does not care.
func TestCSRFCrossOrigin(t *testing.T) {
	env := newEnv(t)
	target := env.user("bob@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	deactivate := "/users/" + id(target) + "/deactivate"
	for name, hdr := range map[string][]string{
		"foreign Origin":        {"Origin", "https://evil.test"},
		"null Origin":           {"Origin", "null"},
		"cross-site fetch":      {"Sec-Fetch-Site", "cross-site"},
		"foreign port":          {"Origin", strings.Replace(env.srv.URL, "127.0.0.1:", "127.0.0.1:1", 1)},
		"same host, other sche": {"Origin", strings.Replace(env.srv.URL, "http://", "https://", 1)},
	} {
		t.Run(name, func(t *testing.T) {
			res := c.post(deactivate, nil, hdr...)
			wantStatus(t, res, http.StatusForbidden)
			if !strings.Contains(res.body, "expired") {
				t.Fatal("no clear message")
			}
		})
	}
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, target.ID); a.Status != "active" {
		t.Fatal("a cross-site request changed the account")
	}
	res := c.post(deactivate, nil, "Origin", env.srv.URL, "Sec-Fetch-Site", "same-origin", "HX-Request", "true", "HX-Target", "user-"+id(target))
	wantStatus(t, res, http.StatusOK)

	key, _ := env.keyFor(env.admin, time.Time{})
	req, _ := http.NewRequest(http.MethodPost, env.srv.URL+"/api/v1/groups", strings.NewReader(`{"name":"From afar"}`))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://evil.test")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	apiRes, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	apiRes.Body.Close()
	if apiRes.StatusCode != http.StatusCreated {
		t.Fatalf("API POST with a key: %d, want 201", apiRes.StatusCode)
	}
}
