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

// registrationNotices counts the notices about registrations in the outbox.
func (e *testEnv) registrationNotices() int {
	e.t.Helper()
	mails, err := e.st.Outbox(context.Background(), e.tenant.ID, 0, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, m := range mails {
		if strings.HasPrefix(m.Kind, "registration") {
			n++
		}
	}
	return n
}

// One self-registration used to queue an email to every User Manager (100 of
// them): it now tells a bounded set the tenant chose, Administrators by
// default, and the choice is a setting with its own validation.
func TestIssue16_Lead_RegistrationNotifiesABoundedChosenSet(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.openRegistration()
	env.user("second.admin@acme.test", "admin", "active")
	for i := range 30 {
		env.user(fmt.Sprintf("manager%d@acme.test", i), "standard", "active", "user_manager")
	}
	register := func(email string) int {
		t.Helper()
		before := env.registrationNotices()
		c := env.client()
		c.get("/register/acme")
		wantStatus(t, c.post("/register/acme", regForm("New", "Person", email)), http.StatusOK)
		return env.registrationNotices() - before
	}
	// The default: the two Administrators only.
	if n := register("one@x.test"); n != 2 {
		t.Fatalf("default: %d notices, want the 2 Administrators", n)
	}

	admin := env.signedIn(env.admin.Email)
	page := admin.get("/settings")
	if !strings.Contains(page.body, `name="registration_notify"`) || !strings.Contains(page.body, "Registration notifications") {
		t.Fatalf("no registration notifications setting:\n%s", snippet(page.body))
	}
	save := func(notify string) response {
		return admin.post("/settings", url.Values{"self_registration": {"1"}, "invite_days": {"7"},
			"registration_notify": {notify}})
	}
	wantStatus(t, save("managers"), http.StatusSeeOther)
	if n := register("two@x.test"); n != store.MaxNotified {
		t.Fatalf("managers: %d notices, want at most %d", n, store.MaxNotified)
	}
	wantStatus(t, save("none"), http.StatusSeeOther)
	if n := register("three@x.test"); n != 0 {
		t.Fatalf("none: %d notices", n)
	}
	// A value from nowhere is refused beside the field, and nothing changes.
	res := save("everyone")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "Choose Administrators, Administrators and User Managers, or Nobody.") {
		t.Fatalf("no message:\n%s", snippet(res.body))
	}
	if st, _ := env.st.Settings(context.Background(), env.tenant.ID); st.RegistrationNotify != "none" {
		t.Fatalf("saved %q after a refused change", st.RegistrationNotify)
	}
}

// The API reads and sets the same choice, with the same refusal.
func TestIssue16_Lead_RegistrationNotifyThroughTheAPI(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	r := env.call(key, http.MethodGet, "/settings", nil)
	wantAPI(t, r, http.StatusOK)
	if r.body["registration_notify"] != "admins" {
		t.Fatalf("default %s", r.raw)
	}
	r = env.call(key, http.MethodPatch, "/settings", map[string]any{"registration_notify": "managers"})
	wantAPI(t, r, http.StatusOK)
	if r.body["registration_notify"] != "managers" {
		t.Fatalf("PATCH answer %s", r.raw)
	}
	// Another field's PATCH keeps it.
	wantAPI(t, env.call(key, http.MethodPatch, "/settings", map[string]any{"invite_days": 4}), http.StatusOK)
	for _, bad := range []any{"everyone", "", 3} {
		r := env.call(key, http.MethodPatch, "/settings", map[string]any{"registration_notify": bad})
		wantAPI(t, r, http.StatusUnprocessableEntity)
		if !fieldErrors(r)["registration_notify"] {
			t.Fatalf("%v: errors %s", bad, r.raw)
		}
	}
	if st, _ := env.st.Settings(context.Background(), env.tenant.ID); st.RegistrationNotify != "managers" || st.InviteDays != 4 {
		t.Fatalf("saved %+v", st)
	}
}
