package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

func profileForm(first, last, lang, tz, cur string) url.Values {
	return url.Values{"first_name": {first}, "last_name": {last}, "language": {lang}, "time_zone": {tz}, "currency": {cur}}
}

// TestAccountProfile: My account edits one's own names and preferences with
// the edit-user rules, and nothing an administrator decides.
func TestAccountProfile(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ann := env.user("ann@acme.test", "standard", "active", "member")
	c := env.signedIn("ann@acme.test")
	res := c.get("/account")
	wantStatus(t, res, http.StatusOK)
	if v, _ := res.doc.Find("#first_name").Attr("value"); v != "Ann" {
		t.Errorf("first name field %q", v)
	}
	if href, _ := res.doc.Find(`a[href="/t/acme/account/keys"]`).Attr("href"); href == "" {
		t.Error("no link to API keys")
	}
	bad := []struct {
		name, field string
		form        url.Values
	}{
		{"empty first name", "first_name", profileForm("", "Tester", "en", "UTC", "USD")},
		{"too long last name", "last_name", profileForm("Ann", strings.Repeat("x", 101), "en", "UTC", "USD")},
		{"control character", "first_name", profileForm("An\u202en", "Tester", "en", "UTC", "USD")},
		{"unknown time zone", "time_zone", profileForm("Ann", "Tester", "en", "Mars/Olympus_Mons", "USD")},
		{"Local time zone", "time_zone", profileForm("Ann", "Tester", "en", "Local", "USD")},
		{"unknown currency", "currency", profileForm("Ann", "Tester", "en", "UTC", "QQQ")},
		{"currency too long", "currency", profileForm("Ann", "Tester", "en", "UTC", "EURO")},
		{"unknown language", "language", profileForm("Ann", "Tester", "de", "UTC", "USD")},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			res := c.post("/account", tt.form, htmx("#account")...)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if res.doc.Find("#"+tt.field+"-error").Text() == "" {
				t.Errorf("no message next to %s", tt.field)
			}
		})
	}
	form := profileForm("Anne-Élise", "Tester", "fr", "Europe/Paris", "eur")
	form.Set("user_type", "admin") // not a field of My account: ignored
	form.Set("email", "boss@acme.test")
	wantStatus(t, c.post("/account", form), http.StatusSeeOther)
	got, _ := env.st.Account(context.Background(), env.tenant.ID, ann.ID)
	if got.FirstName != "Anne-Élise" || got.Language != "fr" || got.TimeZone != "Europe/Paris" || got.Currency != "EUR" {
		t.Errorf("saved %+v", got)
	}
	if got.UserType != "standard" || got.Email != "ann@acme.test" {
		t.Errorf("My account changed the user type or email: %s %s", got.UserType, got.Email)
	}
	res = c.get("/account?done=profile")
	if res.doc.Find("h1").Text() != "Mon compte" || !strings.Contains(res.doc.Find(".topbar .me-link").Text(), "Anne-Élise") {
		t.Errorf("after saving: heading %q, header %q", res.doc.Find("h1").Text(), res.doc.Find(".topbar .me-link").Text())
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "account.update"})
	if len(ev) != 1 || ev[0].ActorID != ann.ID || ev[0].TargetID != ann.ID {
		t.Errorf("audit events %+v", ev)
	}
	for _, token := range []string{"", "forged"} {
		forged := profileForm("Mallory", "Tester", "en", "UTC", "USD")
		forged.Set("_csrf", token)
		wantStatus(t, c.post("/account", forged), http.StatusForbidden)
	}
}

// TestChangePassword: the current password is required, the policy applies,
// and every other session of the account ends while this one goes on.
func TestChangePassword(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ann := env.user("ann@acme.test", "standard", "active", "user_manager")
	c1, c2 := env.signedIn("ann@acme.test"), env.signedIn("ann@acme.test")
	const next = "a brand new passphrase"
	change := func(current, pw, confirm string) response {
		return c1.post("/account/password", url.Values{"current_password": {current}, "new_password": {pw}, "confirm_password": {confirm}})
	}
	bad := []struct {
		name, current, pw, confirm, field, want string
	}{
		{"wrong current", "not my password", next, next, "current_password", "not your current password"},
		{"too short", testPassword, "short", "short", "new_password", "at least 8"},
		{"too long", testPassword, strings.Repeat("é", 129), strings.Repeat("é", 129), "new_password", "at most 128"},
		{"common", testPassword, "Password123", "Password123", "new_password", "too common"},
		{"common from the long list", testPassword, "pilchard", "pilchard", "new_password", "too common"},
		{"repeat differs", testPassword, next, next + "!", "confirm_password", "differ"},
		{"same as current", testPassword, testPassword, testPassword, "new_password", "different from the current"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			res := change(tt.current, tt.pw, tt.confirm)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			if msg := res.doc.Find("#" + tt.field + "-error").Text(); !strings.Contains(msg, tt.want) {
				t.Errorf("%s says %q, want %q", tt.field, msg, tt.want)
			}
			if strings.Contains(res.body, tt.pw) || strings.Contains(res.body, testPassword) {
				t.Error("the page sends a password back")
			}
		})
	}
	res := c1.get("/account/password")
	if !strings.Contains(res.doc.Find("#new_password-hint").Text(), "15 or more is recommended") {
		t.Errorf("hint %q does not recommend 15+ characters", res.doc.Find("#new_password-hint").Text())
	}
	res = change(testPassword, next, next)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != tp("/account?done=password") {
		t.Errorf("redirect %q", loc)
	}
	wantStatus(t, c1.get("/account"), http.StatusOK)
	if res := c2.get("/users"); !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
		t.Errorf("the other session still works: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, msg := env.client().signIn("ann@acme.test", testPassword, ""); msg == "" {
		t.Error("the old password still signs in")
	}
	env.signedIn2(t, "ann@acme.test", next)
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "account.password_change"})
	if len(ev) != 1 || ev[0].TargetID != ann.ID || fmt.Sprint(ev[0].Details["sessions_ended"]) != "1" {
		t.Errorf("audit %+v", ev)
	}
	if strings.Contains(fmt.Sprint(ev[0].Details), next) {
		t.Error("the password is in the audit trail")
	}
}

// signedIn2 signs in with a password other than the test one.
func (e *testEnv) signedIn2(t *testing.T, email, password string) *client {
	t.Helper()
	c := e.client()
	if res, msg := c.signIn(email, password, ""); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d %s", email, res.StatusCode, msg)
	}
	return c
}

// TestSignOutOtherSessions lists the sessions, marks this one, ends the others.
func TestSignOutOtherSessions(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("ann@acme.test", "standard", "active", "user_manager")
	c1, c2, c3 := env.signedIn("ann@acme.test"), env.signedIn("ann@acme.test"), env.signedIn("ann@acme.test")
	res := c1.get("/account")
	rows := res.doc.Find("table.sessions tbody tr")
	if rows.Length() != 3 || res.doc.Find("table.sessions .badge").Length() != 1 {
		t.Fatalf("%d sessions listed, %d marked as this one; want 3 and 1", rows.Length(), res.doc.Find("table.sessions .badge").Length())
	}
	if !strings.Contains(res.doc.Find(`form[action="/t/acme/account/sessions/end-others"] button`).Text(), "(2)") {
		t.Error("the button does not say how many sessions it ends")
	}
	res = c1.post("/account/sessions/end-others", nil, htmx("#account")...)
	if res.Header.Get("HX-Redirect") != tp("/account?done=sessions") {
		t.Fatalf("HX-Redirect %q", res.Header.Get("HX-Redirect"))
	}
	for _, c := range []*client{c2, c3} {
		if res := c.get("/account"); !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
			t.Errorf("another session still works: %d", res.StatusCode)
		}
	}
	res = c1.get("/account?done=sessions")
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("table.sessions tbody tr").Length() != 1 || res.doc.Find(".notice").Text() == "" {
		t.Error("after ending the others: not one session with a notice")
	}
	if n, _ := env.st.AuditCount(context.Background(), "account.sessions_end_others"); n != 1 {
		t.Errorf("%d events", n)
	}
}
