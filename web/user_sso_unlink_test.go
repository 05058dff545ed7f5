package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

func (e *testEnv) unlinkEvents() []store.Event {
	e.t.Helper()
	ev, err := e.st.AuditEvents(context.Background(), e.tenant.ID, store.AuditFilter{Action: string(store.ActionUserSSOUnlink)})
	if err != nil {
		e.t.Fatal(err)
	}
	return ev
}

// TestSSOUnlink: Unlink forgets the identity, swaps the section and the
// row, and is audited with what was bound; a plain form goes back to the
// sidebar; without the CSRF token nothing happens.
func TestSSOUnlink(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	sam := env.ssoPerson(env.tenant.ID, env.roles, "sam@acme.test", "standard", "sam-sub", "member")
	admin := env.signedIn("admin@acme.test")
	path := "/users/" + id(sam) + "/sso-unlink"

	res := admin.post(path, url.Values{"_csrf": {"forged"}}, htmx("sso-identity")...)
	if res.StatusCode != http.StatusForbidden || env.boundSubject(env.tenant.ID, sam.ID) != "sam-sub" {
		t.Fatalf("without the CSRF token: status %d, bound to %q", res.StatusCode, env.boundSubject(env.tenant.ID, sam.ID))
	}

	res = admin.post(path, nil, htmx("sso-identity")...)
	wantStatus(t, res, http.StatusOK)
	if got := env.boundSubject(env.tenant.ID, sam.ID); got != "" {
		t.Fatalf("still bound to %q", got)
	}
	sec := res.doc.Find("#sso-identity")
	if !strings.Contains(sec.Find(".notice").Text(), "Single sign-on identity unlinked.") || !strings.Contains(sec.Text(), "Not linked yet") {
		t.Errorf("swapped section %q", strings.TrimSpace(sec.Text()))
	}
	if res.doc.Find("#user-panel").Length() != 0 {
		t.Error("the answer replaces the whole sidebar, not the section")
	}
	row := res.doc.Find("template > #user-" + id(sam) + "[hx-swap-oob]")
	if row.Find(".sso-badge").AttrOr("title", "") != "Signs in with single sign-on, not linked yet" {
		t.Errorf("the row was not swapped to unlinked: %s", snippet(res.body))
	}
	ev := env.unlinkEvents()
	if len(ev) != 1 || ev[0].ActorID != env.admin.ID || ev[0].TargetID != sam.ID {
		t.Fatalf("audit %+v", ev)
	}
	before, _ := ev[0].Details["before"].(map[string]any)
	if before["sso_issuer"] != boundIssuer || before["sso_subject"] != "sam-sub" {
		t.Errorf("audited before %v", ev[0].Details)
	}

	// The next sign-in links again by the address; a plain form unlinks too.
	if _, err := env.st.SSOSignIn(context.Background(), env.tenant.ID,
		store.SSOIdentity{Issuer: boundIssuer, Subject: "sam-new", Email: "sam@acme.test"}, nil, "test"); err != nil {
		t.Fatal(err)
	}
	res = admin.post(path, nil)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); !strings.HasSuffix(loc, "/users/"+id(sam)+"/edit?saved=1") || env.boundSubject(env.tenant.ID, sam.ID) != "" {
		t.Errorf("plain form: Location %q, bound to %q", loc, env.boundSubject(env.tenant.ID, sam.ID))
	}
	if n := len(env.unlinkEvents()); n != 2 {
		t.Errorf("%d unlink events, want 2", n)
	}
}

// TestSSOUnlinkActFor: a user manager who is no Admin is not offered Unlink
// on an Admin and is refused it at both doors; another tenant's account is
// not found at both doors; nothing changes.
func TestSSOUnlinkActFor(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	boss := env.ssoPerson(env.tenant.ID, env.roles, "boss@acme.test", "admin", "boss-sub")
	// sam holds what the user manager holds, so the manager may act for sam.
	sam := env.ssoPerson(env.tenant.ID, env.roles, "sam@acme.test", "standard", "sam-sub", "user_manager")
	mgr := env.user("mgr@acme.test", "standard", "active", "user_manager")
	other, otherRoles := env.newTenant("Globex", "globex")
	far := env.ssoPerson(other.ID, otherRoles, "far@globex.test", "standard", "far-sub", "member")
	c := env.signedIn("mgr@acme.test")
	key, _ := env.keyFor(mgr, time.Now().Add(time.Hour))

	res := c.get("/users/"+id(boss)+"/edit", htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if sec := res.doc.Find("#sso-identity"); !strings.Contains(sec.Text(), "boss-sub") || sec.Find("form").Length() != 0 {
		t.Errorf("a user manager's view of an Admin: %q, Unlink offered: %v", sec.Text(), sec.Find("form").Length() != 0)
	}
	if res.doc.Find("#sso-identity form").Length() != 0 {
		t.Error("Unlink offered on an Admin to a user manager")
	}
	if res := c.get("/users/"+id(sam)+"/edit", htmx("sidebar")...); res.doc.Find("#sso-identity form button").Length() != 1 {
		t.Error("a user manager is not offered Unlink on a person they may act for")
	}
	res = c.post("/users/"+id(boss)+"/sso-unlink", nil, htmx("sso-identity")...)
	wantStatus(t, res, http.StatusForbidden)
	r := env.call(key, http.MethodDelete, "/users/"+id(boss)+"/sso-identity", nil)
	wantAPI(t, r, http.StatusForbidden)
	if env.boundSubject(env.tenant.ID, boss.ID) != "boss-sub" {
		t.Fatal("an Admin's identity was unlinked by a user manager")
	}

	res = c.post("/users/"+id(far)+"/sso-unlink", nil, htmx("sso-identity")...)
	wantStatus(t, res, http.StatusNotFound)
	wantAPI(t, env.call(key, http.MethodDelete, "/users/"+id(far)+"/sso-identity", nil), http.StatusNotFound)
	pat := env.user("pat@acme.test", "standard", "active", "user_manager")
	wantStatus(t, c.post("/users/"+id(pat)+"/sso-unlink", nil, htmx("sso-identity")...), http.StatusNotFound)
	if env.boundSubject(other.ID, far.ID) != "far-sub" {
		t.Fatal("another tenant's identity was unlinked")
	}
	if n := len(env.unlinkEvents()); n != 0 {
		t.Errorf("%d unlink events after refusals", n)
	}

	// What the user manager may do, the API does as the console does.
	wantAPI(t, env.call(key, http.MethodDelete, "/users/"+id(sam)+"/sso-identity", nil), http.StatusNoContent)
	if env.boundSubject(env.tenant.ID, sam.ID) != "" || len(env.unlinkEvents()) != 1 {
		t.Fatal("the API's unlink did not unlink or was not audited")
	}
}

// TestAPISSOIdentity: the user JSON carries the bound identity, null for a
// password person and an SSO person not linked yet; DELETE unlinks (204,
// again 204), and is 404 for a password person.
func TestAPISSOIdentity(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	sam := env.ssoPerson(env.tenant.ID, env.roles, "sam@acme.test", "standard", "sam-sub", "member")
	una := env.ssoPerson(env.tenant.ID, env.roles, "una@acme.test", "standard", "", "member")
	pat := env.user("pat@acme.test", "standard", "active", "member")
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))

	r := env.call(key, http.MethodGet, "/users/"+id(sam), nil)
	wantAPI(t, r, http.StatusOK)
	idn, _ := r.body["sso_identity"].(map[string]any)
	if idn["issuer"] != boundIssuer || idn["subject"] != "sam-sub" || r.body["auth"] != "sso" {
		t.Fatalf("sso_identity %v", r.body["sso_identity"])
	}
	for _, a := range []store.Account{una, pat} {
		r := env.call(key, http.MethodGet, "/users/"+id(a), nil)
		if v, ok := r.body["sso_identity"]; !ok || v != nil {
			t.Errorf("%s: sso_identity %v (present %v), want null", a.Email, v, ok)
		}
	}
	list := env.call(key, http.MethodGet, "/users?q=sam", nil)
	wantAPI(t, list, http.StatusOK)
	if !strings.Contains(list.raw, `"sso_identity":{"issuer":"`+boundIssuer+`","subject":"sam-sub"}`) {
		t.Errorf("the list lacks the identity: %s", snippet(list.raw))
	}

	wantAPI(t, env.call(key, http.MethodDelete, "/users/"+id(sam)+"/sso-identity", nil), http.StatusNoContent)
	if r := env.call(key, http.MethodGet, "/users/"+id(sam), nil); r.body["sso_identity"] != nil {
		t.Errorf("after DELETE: %v", r.body["sso_identity"])
	}
	wantAPI(t, env.call(key, http.MethodDelete, "/users/"+id(sam)+"/sso-identity", nil), http.StatusNoContent)
	wantAPI(t, env.call(key, http.MethodDelete, "/users/"+id(pat)+"/sso-identity", nil), http.StatusNotFound)
	if n := len(env.unlinkEvents()); n != 1 {
		t.Errorf("%d unlink events, want 1 (the second DELETE changed nothing)", n)
	}
}
