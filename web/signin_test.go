package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func TestSignInRefusalsLookTheSame(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("gone@acme.test", "standard", "deactivated", "member")
	env.user("wait@acme.test", "standard", "pending", "member")
	var messages []string
	for _, tc := range []struct{ name, email, password string }{
		{"wrong password", "admin@acme.test", "not the password"},
		{"unknown email", "nobody@acme.test", testPassword},
		{"deactivated", "gone@acme.test", testPassword},
		{"pending", "wait@acme.test", testPassword},
		{"empty", "", ""},
		{"too long", strings.Repeat("a", 300) + "@acme.test", strings.Repeat("p", 5000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, msg := env.client().signIn(tc.email, tc.password, "")
			wantStatus(t, res, http.StatusUnauthorized)
			if msg == "" {
				t.Fatal("no message shown")
			}
			messages = append(messages, msg)
		})
	}
	for _, m := range messages[1:] {
		if m != messages[0] {
			t.Fatalf("refusals differ: %q vs %q", m, messages[0])
		}
	}
	if n, _ := env.st.AuditCount(context.Background(), "signin.failure"); n != 6 {
		t.Fatalf("%d sign-in failures audited, want 6", n)
	}
}

func TestSignInAuditAndRedirect(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client()
	c.signIn("admin@acme.test", "wrong password!", "")
	res, _ := c.signIn("admin@acme.test", testPassword, "/users?q=x")
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/users?q=x" {
		t.Fatalf("redirect to %q, want back to /users?q=x", loc)
	}
	ev, err := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "signin.success"})
	if err != nil || len(ev) != 1 || ev[0].ActorID != env.admin.ID || ev[0].IP == "" {
		t.Fatalf("sign-in success not audited: %+v %v", ev, err)
	}
	fails, _ := env.st.AuditCount(context.Background(), "signin.failure")
	if fails != 1 {
		t.Fatalf("%d failure events, want 1", fails)
	}
}

func TestSignInRefusesOpenRedirect(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	for _, next := range []string{"//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
		"/\t/evil.example", "/\n/evil.example", "/a\\b"} {
		res, _ := env.client().signIn("admin@acme.test", testPassword, next)
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("next=%q redirected to %q", next, loc)
		}
	}
}

func TestSignInThrottle(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	clock := &fixedClock{t: time.Now()}
	_, acct := env.h.Throttles()
	acct.SetClock(clock.now)
	c := env.client()
	for range 5 {
		res, _ := c.signIn("admin@acme.test", "wrong password!", "")
		wantStatus(t, res, http.StatusUnauthorized)
	}
	res, msg := c.signIn("admin@acme.test", testPassword, "")
	wantStatus(t, res, http.StatusTooManyRequests)
	if !strings.Contains(msg, "Too many") || res.Header.Get("Retry-After") == "" {
		t.Fatalf("throttle message %q, Retry-After %q", msg, res.Header.Get("Retry-After"))
	}
	if n, _ := env.st.AuditCount(context.Background(), "signin.throttled"); n != 1 {
		t.Fatalf("%d throttle events, want 1", n)
	}
	// No permanent lockout: once the window passes, the right password works.
	clock.t = clock.t.Add(16 * time.Minute)
	res, _ = c.signIn("admin@acme.test", testPassword, "")
	wantStatus(t, res, http.StatusSeeOther)
}

func TestSessionRotatesAndSignOutEndsIt(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client()
	c.get("/signin")
	u, _ := url.Parse(env.srv.URL)
	planted := &http.Cookie{Name: "console_session", Value: strings.Repeat("A", 43), Path: "/"}
	c.http.Jar.SetCookies(u, []*http.Cookie{planted})
	c.signIn("admin@acme.test", testPassword, "")
	var sid string
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "console_session" {
			sid = ck.Value
		}
	}
	if sid == "" || sid == planted.Value {
		t.Fatalf("session id not rotated at sign-in: %q", sid)
	}
	wantStatus(t, c.get("/users"), http.StatusOK)
	old := env.client()
	old.http.Jar.SetCookies(u, []*http.Cookie{{Name: "console_session", Value: sid, Path: "/"}})
	wantStatus(t, c.post("/signout", nil), http.StatusSeeOther)
	if n, _ := env.st.SessionCount(context.Background(), env.admin.ID); n != 0 {
		t.Fatalf("%d sessions left after sign-out", n)
	}
	// The old cookie, replayed, no longer works.
	res := old.get("/users")
	wantStatus(t, res, http.StatusSeeOther)
}

func TestTamperedAndExpiredSessions(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	u, _ := url.Parse(env.srv.URL)
	tampered := env.client()
	tampered.http.Jar.SetCookies(u, []*http.Cookie{{Name: "console_session", Value: "forged-value", Path: "/"}})
	res := tampered.get("/users")
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/signin?next=%2Fusers") {
		t.Fatalf("tampered cookie redirected to %q", loc)
	}

	clock := &fixedClock{t: time.Now()}
	env.h.Sessions().SetClock(clock.now)
	c := env.signedIn("admin@acme.test")
	clock.t = clock.t.Add(61 * time.Minute) // idle timeout is 60 minutes
	res = c.get("/users?q=dup")
	wantStatus(t, res, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	if !strings.Contains(loc, "expired=1") || !strings.Contains(loc, "next=%2Fusers%3Fq%3Ddup") {
		t.Fatalf("expired session redirected to %q", loc)
	}
	page := c.get(loc)
	if !strings.Contains(page.doc.Find(".notice").Text(), "expired") {
		t.Fatal("sign-in page does not say the session expired")
	}
	next, _ := page.doc.Find(`input[name="next"]`).Attr("value")
	res = c.post("/signin", url.Values{"email": {"admin@acme.test"}, "password": {testPassword}, "next": {next}})
	if got := res.Header.Get("Location"); got != "/users?q=dup" {
		t.Fatalf("after sign-in went to %q, want back to /users?q=dup", got)
	}

	// Absolute timeout: active all along, still ends after 12 hours.
	c2 := env.signedIn("admin@acme.test")
	for range 13 {
		clock.t = clock.t.Add(59 * time.Minute)
		c2.get("/users")
	}
	wantStatus(t, c2.get("/users"), http.StatusSeeOther)
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	target := env.user("bob@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	for name, form := range map[string]url.Values{
		"missing": {"_csrf": {""}},
		"wrong":   {"_csrf": {"not-the-token"}},
	} {
		t.Run(name, func(t *testing.T) {
			res := c.post("/users/"+id(target)+"/deactivate", form)
			wantStatus(t, res, http.StatusForbidden)
			if !strings.Contains(res.body, "expired") {
				t.Fatal("no clear message for a bad CSRF token")
			}
		})
	}
	a, _ := env.st.Account(context.Background(), env.tenant.ID, target.ID)
	if a.Status != "active" {
		t.Fatal("a request without a valid CSRF token changed the account")
	}
	// The header htmx sends works.
	res := c.post("/users/"+id(target)+"/deactivate", url.Values{"_csrf": {""}}, "X-CSRF-Token", c.csrf, "HX-Request", "true", "HX-Target", "user-"+id(target))
	wantStatus(t, res, http.StatusOK)
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	res := env.client().get("/signin")
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
		"Cache-Control":           "no-store",
	} {
		if !strings.Contains(res.Header.Get(h), want) {
			t.Errorf("%s = %q, want it to contain %q", h, res.Header.Get(h), want)
		}
	}
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Error("CSP lacks frame-ancestors 'none'")
	}
	for _, ck := range res.Cookies() {
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
			t.Errorf("cookie %s: HttpOnly=%v SameSite=%v", ck.Name, ck.HttpOnly, ck.SameSite)
		}
	}
}

func TestSignInPageFollowsAcceptLanguage(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client()
	c.lang = "fr-FR,fr;q=0.9,en;q=0.5"
	res := c.get("/signin")
	if lang, _ := res.doc.Find("html").Attr("lang"); lang != "fr" {
		t.Fatalf("lang=%q", lang)
	}
	if got := res.doc.Find("h2").Text(); got != "Connexion" {
		t.Fatalf("heading %q, want Connexion", got)
	}
	_, msg := c.signIn("admin@acme.test", "wrong password!", "")
	if !strings.Contains(msg, "mot de passe incorrect") {
		t.Fatalf("French refusal expected, got %q", msg)
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	wantStatus(t, env.client().get("/healthz"), http.StatusOK)
}

func TestSignInFailureOnKnownAccountIsInItsTenantsAudit(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.client().signIn("admin@acme.test", "wrong password!", "")
	ev, err := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "signin.failure"})
	if err != nil || len(ev) != 1 || ev[0].TargetID != env.admin.ID {
		t.Fatalf("failure not in the tenant's audit: %+v %v", ev, err)
	}
	if strings.Contains(fmt.Sprint(ev[0].Details), "wrong password") {
		t.Fatal("the attempted password reached the audit log")
	}
}
