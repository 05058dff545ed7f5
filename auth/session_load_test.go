package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// loadIn is the next request of a browser holding c, acting in the tenant
// with slug; it returns what Load read and how many statements it ran.
func (e *sessionEnv) loadIn(t *testing.T, c *http.Cookie, slug string) (store.SignedIn, int64) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/users", nil)
	r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	before := e.st.Statements()
	sess, err := e.ss.Load(r, auth.SessionName, slug)
	if err != nil {
		t.Fatal(err)
	}
	n := e.st.Statements() - before
	in, ok := auth.LoadedIn(sess, slug)
	if !ok {
		t.Fatalf("Load for %q left nothing for LoadedIn", slug)
	}
	if _, ok := auth.LoadedIn(sess, slug+"-other"); ok {
		t.Fatalf("LoadedIn answers for a tenant the session was not loaded for")
	}
	return in, n
}

// A signed-in request reads its session, account, the tenant it acts in and
// its permissions there in one statement, and nothing is kept between
// requests: a change made through another connection (another process)
// counts at the next request, as does a grant's end at check time.
func TestSessionLoadIsOneStatementAndNeverStale(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newSessionEnv(t)
	roles, err := e.st.Roles(ctx, e.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]int64{}
	for _, r := range roles {
		byKey[r.BuiltinKey] = r.ID
	}
	by := store.Actor{TenantID: e.tenant.ID}
	bob, err := e.st.CreateAccount(ctx, by, store.NewAccount{Profile: store.Profile{FirstName: "Bob", LastName: "Grouped",
		Email: "bob@example.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "bob", Status: "active", AuthMethod: "password"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := e.st.CreateGroup(ctx, by, "Auditors", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetGroupRoles(ctx, by, g.ID, []int64{byKey["auditor"]}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AddMembers(ctx, by, g.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	beta, err := e.st.CreateTenant(ctx, "Beta", "beta", e.tenant.ID, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	betaRoles, _ := e.st.Roles(ctx, beta.ID)
	var betaManager int64
	for _, r := range betaRoles {
		if r.BuiltinKey == "user_manager" {
			betaManager = r.ID
		}
	}
	if _, err := e.st.SetMemberRoles(ctx, store.Actor{TenantID: beta.ID}, bob.ID, []int64{betaManager}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CreateTenant(ctx, "Gamma", "gamma", 0, auth.BuiltinRoles()); err != nil {
		t.Fatal(err)
	}
	builtin := func(key string) []string {
		for _, r := range auth.BuiltinRoles() {
			if r.Key == key {
				return slices.Sorted(slices.Values(r.Permissions))
			}
		}
		t.Fatalf("no built-in role %s", key)
		return nil
	}
	auditor, manager := builtin("auditor"), builtin("user_manager")

	e.account = bob
	c := e.start(t, nil)
	in, n := e.loadIn(t, c, "")
	if n != 1 {
		t.Errorf("loading the session at home ran %d statements, want 1", n)
	}
	if in.Account.ID != bob.ID || !in.Allowed || !in.Acting.Home || in.Acting.Tenant.ID != e.tenant.ID ||
		!in.Acting.Active || !in.Acting.Others || in.Acting.HomeSlug != "acme" {
		t.Errorf("at home: account %d, allowed %v, acting %+v", in.Account.ID, in.Allowed, in.Acting)
	}
	if !slices.Equal(in.Perms, auditor) {
		t.Errorf("at home Bob holds %v through his group, want the Auditor's %v", in.Perms, auditor)
	}
	in, n = e.loadIn(t, c, "beta")
	if n != 1 || !in.Allowed || in.Acting.Home || in.Acting.Tenant.ID != beta.ID || in.Acting.HomeName != "Acme" {
		t.Errorf("in Beta (%d statements): allowed %v, acting %+v", n, in.Allowed, in.Acting)
	}
	if !slices.Equal(in.Perms, manager) {
		t.Errorf("in Beta Bob holds %v, want the User Manager's %v", in.Perms, manager)
	}
	for _, slug := range []string{"gamma", "nosuch"} {
		if in, n = e.loadIn(t, c, slug); n != 1 || in.Allowed || in.Perms != nil || in.Account.ID != bob.ID {
			t.Errorf("in %s (%d statements): allowed %v, perms %v, account %d", slug, n, in.Allowed, in.Perms, in.Account.ID)
		}
	}

	// Another process takes Bob out of his group: the next request knows.
	other, err := store.Open(ctx, e.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.RemoveMembers(ctx, by, g.ID, []int64{bob.ID}); err != nil {
		t.Fatal(err)
	}
	if in, _ = e.loadIn(t, c, ""); in.Perms != nil {
		t.Errorf("after leaving his group in another process Bob still holds %v", in.Perms)
	}
	// A membership that has ended grants nothing, before any sweep.
	if err := other.AddMemberUntil(ctx, by, g.ID, bob.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if in, _ = e.loadIn(t, c, ""); !slices.Equal(in.Perms, auditor) {
		t.Errorf("back in his group until an hour from now Bob holds %v", in.Perms)
	}
	e.st.SetClock(func() time.Time { return time.Now().Add(2 * time.Hour) })
	if in, _ = e.loadIn(t, c, ""); in.Perms != nil {
		t.Errorf("an hour after his membership ended Bob still holds %v", in.Perms)
	}

	// A permission holding a comma (no form lets one in, a copied database
	// might) stays one permission: it never splits into a grant.
	odd, err := e.st.CreateRole(ctx, by, store.RoleSpec{Name: "Odd", Permissions: []string{"module:x,users.manage"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.ChangeRole(ctx, by, bob.ID, odd, true); err != nil {
		t.Fatal(err)
	}
	if in, _ = e.loadIn(t, c, ""); !slices.Equal(in.Perms, []string{"module:x,users.manage"}) {
		t.Errorf("a role holding \"module:x,users.manage\" gives %q", in.Perms)
	}
}
