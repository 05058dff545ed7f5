package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestNobodyTakesOverMorePowerfulAccounts: a User Manager may not set the
// password of, send links to, or edit someone holding access they do not
// (a Tenant Administrator who is not of user type Admin here); editing their
// email and then asking a reset link was the way in.
func TestNobodyTakesOverMorePowerfulAccounts(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ta := env.user("ta@acme.test", "standard", "active", "tenant_admin")
	member := env.user("plain@acme.test", "standard", "active")
	env.user("um@acme.test", "standard", "active", "user_manager")
	um := env.signedIn("um@acme.test")

	side := um.get("/users/"+id(ta)+"/edit", htmx("sidebar")...)
	for _, action := range []string{"/reset-password", "/password"} {
		if strings.Contains(side.body, `action="/users/`+id(ta)+action+`"`) {
			t.Errorf("sidebar offers %s for a more powerful account", action)
		}
	}
	res := um.post("/users/"+id(ta)+"/password", url.Values{"temp_password": {"a temporary passphrase"}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusForbidden)
	wantStatus(t, um.post("/users/"+id(ta)+"/reset-password", nil, htmx("sidebar")...), http.StatusUnprocessableEntity)
	res = um.post("/users/"+id(ta), url.Values{"first_name": {"T"}, "last_name": {"A"}, "email": {"um+owned@acme.test"},
		"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if a, _ := env.st.Account(context.Background(), env.tenant.ID, ta.ID); a.Email != "ta@acme.test" || a.MustChangePassword {
		t.Fatalf("the Tenant Administrator's account changed: %+v", a)
	}
	if env.deliver() != 0 {
		t.Fatal("a link was mailed for a more powerful account")
	}
	// Someone holding nothing the User Manager lacks: fine.
	wantStatus(t, um.post("/users/"+id(member)+"/reset-password", nil, htmx("sidebar")...), http.StatusOK)
}

// TestGroupMembershipFollowsTheGrantRule: joining a group gives its roles,
// so nobody adds people (themselves included) to a group whose roles they
// could not give directly.
func TestGroupMembershipFollowsTheGrantRule(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	gm := env.user("gm@acme.test", "standard", "active", "user_manager")
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Owners", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, actorFor(env), g.ID, []int64{env.roles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("gm@acme.test")
	res := c.post("/groups/members", url.Values{"group_id": {id64(g.ID)}, "account_id": {id(gm)}}, htmx("groups")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if g, _ = env.st.Group(ctx, env.tenant.ID, g.ID); g.Members != 0 {
		t.Fatal("a User Manager joined a Tenant Administrator group")
	}
	wantStatus(t, c.get("/settings"), http.StatusForbidden)
}

// TestForwardedForIsNotBelieved: without a trusted proxy, a client cannot
// escape the per-address sign-in limit by sending X-Forwarded-For.
func TestForwardedForIsNotBelieved(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	c := env.client()
	c.get("/signin")
	var res response
	for i := 0; i < 21; i++ {
		res = c.post("/signin", url.Values{"email": {"x" + id64(int64(i)) + "@acme.test"}, "password": {"wrong password"}},
			"X-Forwarded-For", "203.0.113."+id64(int64(i)))
	}
	wantStatus(t, res, http.StatusTooManyRequests)
}

// TestEmailChangeEndsOldLinks: an invitation mailed to a mistyped address
// stops working once the address is corrected.
func TestEmailChangeEndsOldLinks(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	admin := env.signedIn(env.admin.Email)
	wantStatus(t, admin.post("/users/invite", url.Values{"email": {"bob@exmaple.test"}, "first_name": {"Bob"}, "last_name": {"Typo"},
		"user_type": {"standard"}, "language": {"en"}}, htmx("sidebar")...), http.StatusOK)
	_, text := env.mailTo("bob@exmaple.test")
	link := env.path(env.linkIn(text, "/invite/"))
	bob, err := env.st.AccountByEmail(context.Background(), env.tenant.ID, "bob@exmaple.test")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, admin.post("/users/"+id(bob), url.Values{"first_name": {"Bob"}, "last_name": {"Typo"}, "email": {"bob@example.test"},
		"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"}}, htmx("sidebar")...), http.StatusOK)
	wantStatus(t, env.client().get(link), http.StatusGone)
}

// TestLinksStayOutOfTheLog: the request log names a link's route, not its token.
func TestLinksStayOutOfTheLog(t *testing.T) {
	t.Parallel()
	st, err := store.Open(context.Background(), storetest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	e, _, err := New(st, Config{Log: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	token := "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
	for _, path := range []string{"/invite/", "/password/reset/", "/verify/", "/contact/verify/"} {
		req, _ := http.NewRequest(http.MethodGet, path+token, nil)
		e.ServeHTTP(httptest.NewRecorder(), req)
	}
	if strings.Contains(buf.String(), token) || !strings.Contains(buf.String(), ":token") {
		t.Fatalf("log:\n%s", buf.String())
	}
}
