package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestExpiryConsole: the edit sidebar's "Account expires" refuses a past or
// malformed date with a field message (422, nothing saved), saves a future
// one, shows it, and clears it; an expired account is marked Expired.
func TestExpiryConsole(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active")
	admin := env.signedIn("admin@acme.test")
	save := func(v string) response {
		return admin.post(tp("/users/"+id(bob)), url.Values{"first_name": {"Bob"}, "last_name": {"Tester"},
			"email": {"bob@acme.test"}, "language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"},
			"user_type": {"standard"}, "expires_at": {v}}, htmx("sidebar")...)
	}
	expires := func() time.Time {
		a, err := env.st.Account(context.Background(), env.tenant.ID, bob.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a.ExpiresAt
	}
	for _, bad := range []string{"2001-02-03", "03/02/2031"} {
		res := save(bad)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if res.doc.Find("#expires_at-error").Text() == "" {
			t.Fatalf("%s: no field message: %s", bad, snippet(res.body))
		}
		if !expires().IsZero() {
			t.Fatalf("%s: saved", bad)
		}
	}
	day := time.Now().UTC().AddDate(0, 0, 3).Format(time.DateOnly)
	wantStatus(t, save(day), http.StatusOK)
	if got := expires().Format(time.DateOnly); got != day {
		t.Fatalf("expires %s, want %s", got, day)
	}
	res := admin.get(tp("/users/" + id(bob) + "/edit"))
	if v, _ := res.doc.Find("#expires_at").Attr("value"); v != day {
		t.Fatalf("field shows %q, want %q", v, day)
	}
	env.st.SetClock(func() time.Time { return time.Now().AddDate(0, 0, 4) })
	res = admin.get(tp("/users/" + id(bob) + "/edit"))
	if !strings.Contains(res.doc.Find("label[for=expires_at]").Text(), "Expired") {
		t.Fatalf("an expired account is not marked: %s", res.doc.Find("label[for=expires_at]").Text())
	}
	env.st.SetClock(time.Now)
	wantStatus(t, save(""), http.StatusOK)
	if !expires().IsZero() {
		t.Fatal("expiry not cleared")
	}
}

// TestExpiryAccessMark: the Access section marks a role whose grant ends,
// and leaves out one that has ended.
func TestExpiryAccessMark(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "auditor")
	if err := env.st.SetRoleExpiry(context.Background(), actorFor(env), bob.ID, env.roles["auditor"],
		time.Now().Add(72*time.Hour+time.Minute)); err != nil {
		t.Fatal(err)
	}
	admin := env.signedIn("admin@acme.test")
	res := admin.get(tp("/users/" + id(bob) + "/edit"))
	if got := res.doc.Find(".access-roles li").Text(); !strings.Contains(got, "expires in 3 days") {
		t.Fatalf("access roles: %q", got)
	}
	env.st.SetClock(func() time.Time { return time.Now().Add(73 * time.Hour) })
	res = admin.get(tp("/users/" + id(bob) + "/edit"))
	if n := res.doc.Find(".access-roles li").Length(); n != 0 {
		t.Fatalf("an expired role is shown as held (%d)", n)
	}
}
