package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

// TestRegistrationClosed: an unknown tenant and a tenant with registration
// off get the same 404 page, and the sign-in page offers nothing.
func TestRegistrationClosed(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client()
	var bodies []string
	for _, path := range []string{"/register/acme", "/register/nowhere", "/register/" + strings.Repeat("x", 300)} {
		res := c.get(path)
		wantStatus(t, res, http.StatusNotFound)
		bodies = append(bodies, res.doc.Find("main").Text())
		wantStatus(t, c.post(path, regForm("A", "B", "a@b.test")), http.StatusNotFound)
	}
	if bodies[0] != bodies[1] || !strings.Contains(bodies[0], "no registration page at this address") {
		t.Fatalf("closed and unknown differ:\n%q\n%q", bodies[0], bodies[1])
	}
	if _, ok := env.accountByEmail("a@b.test"); ok {
		t.Fatal("an account was created while registration was off")
	}
	if c.get("/signin?tenant=acme").doc.Find(`a[href^="/register/"]`).Length() != 0 {
		t.Fatal("sign-in offers registration while it is off")
	}
}

// TestVerifyAfterRegistrationClosed: closing registration ends the links
// already mailed.
func TestVerifyAfterRegistrationClosed(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	env.openRegistration("member")
	env.register(env.client(), "late@acme.test")
	link := env.verifyLinkFor("late@acme.test")
	if err := env.st.UpdateSettings(context.Background(), actorFor(env), store.Settings{InviteDays: 7}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, env.client().post(link, pw(testPassword)), http.StatusGone)
}
