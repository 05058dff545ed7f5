package web

import (
	"context"
	"fmt"
	"github.com/console-dev/console/internal/testdb"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// The route walk and the API walk over a tenant tree: a service provider
// (the env's tenant, acme) with customers A and B, A with a sub-tenant A1,
// and three principals — a provider user with roles in customer A only,
// customer A's Admin, the sub-tenant's Admin. Each walks every route under
// the prefix of every tenant, with that tenant's ids.

// treeTenant is one tenant of the tree with ids of its things, one per path
// parameter, and the marker (an email) its pages would show.
type treeTenant struct {
	t      store.Tenant
	roles  map[string]int64
	ids    map[string]string
	avatar string
	marker string
}

type treeWorld struct {
	env     *testEnv
	tenants map[string]*treeTenant // by slug
	order   []string
}

func newTreeWorld(t *testing.T, env *testEnv) *treeWorld {
	w := &treeWorld{env: env, tenants: map[string]*treeTenant{}}
	a, aRoles := env.childTenant("Customer A", "cust-a", env.tenant.ID)
	b, bRoles := env.childTenant("Customer B", "cust-b", env.tenant.ID)
	a1, a1Roles := env.childTenant("Customer A EU", "cust-a1", a.ID)
	for _, tt := range []struct {
		t     store.Tenant
		roles map[string]int64
	}{{env.tenant, env.roles}, {a, aRoles}, {b, bRoles}, {a1, a1Roles}} {
		w.tenants[tt.t.Slug] = w.fixtures(t, tt.t, tt.roles)
		w.order = append(w.order, tt.t.Slug)
	}
	return w
}

// fixtures makes one of each thing a route names by id in the tenant.
func (w *treeWorld) fixtures(t *testing.T, tn store.Tenant, roles map[string]int64) *treeTenant {
	t.Helper()
	env, ctx := w.env, context.Background()
	by := store.Actor{TenantID: tn.ID}
	marker := "target@" + tn.Slug + ".test"
	target := env.userIn(tn.ID, roles, marker, "standard", "active", "member")
	invited := env.userIn(tn.ID, roles, "invited@"+tn.Slug+".test", "standard", "pending")
	group, err := env.st.CreateGroup(ctx, by, "Walkers "+tn.Slug, "")
	if err != nil {
		t.Fatal(err)
	}
	role, err := env.st.CreateRole(ctx, by, store.RoleSpec{Name: "Walker", Permissions: []string{"users.view"}})
	if err != nil {
		t.Fatal(err)
	}
	module, err := env.st.CreateModule(ctx, by, "walk", "Walk", "")
	if err != nil {
		t.Fatal(err)
	}
	project, err := env.st.CreateProject(ctx, by, "Walkway", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.AddProjectUsers(ctx, by, project.ID, []int64{target.ID}, "write", true); err != nil {
		t.Fatal(err)
	}
	if err := env.st.Enqueue(ctx, nil, store.Mail{TenantID: tn.ID, Kind: "test", To: marker,
		Subject: "Walk", Text: marker, HTML: "<p>" + marker + "</p>"}); err != nil {
		t.Fatal(err)
	}
	mails, err := env.st.Outbox(ctx, tn.ID, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.UpdateSettings(ctx, by, store.Settings{SelfRegistration: true, InviteDays: 7}); err != nil {
		t.Fatal(err)
	}
	avatar, err := env.st.SetAvatar(ctx, store.Actor{TenantID: tn.ID, AccountID: target.ID}, tinyPNG(t))
	if err != nil {
		t.Fatal(err)
	}
	svc, err := env.st.CreateServiceAccount(ctx, by, store.NewServiceAccount{Name: "Walk sync"})
	if err != nil {
		t.Fatal(err)
	}
	_, key := env.keyFor(target, time.Time{})
	s := func(id int64) string { return fmt.Sprint(id) }
	return &treeTenant{t: tn, roles: roles, avatar: avatar, marker: marker, ids: map[string]string{
		"users": s(target.ID), "accounts": s(target.ID), "groups": s(group.ID), "roles": s(role), "modules": s(module),
		"projects": s(project.ID), "invitations": s(invited.ID), "mail": s(mails[0].ID), "service-accounts": s(svc.ID),
		"account_id": s(target.ID), "role_id": s(role), "group_id": s(group.ID), "key_id": s(key.ID), "key": s(key.ID),
	}}
}

// consolePath fills a console route's parameters with tn's ids.
func (tn *treeTenant) consolePath(route string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		switch {
		case p == ":key" && parts[i-1] == "avatars":
			parts[i] = tn.avatar + ".png"
		case p == ":id" && i > 0:
			parts[i] = tn.ids[parts[i-1]]
		case p == ":slug":
			parts[i] = tn.t.Slug
		case p == ":key":
			parts[i] = tn.ids["key"]
		case strings.HasPrefix(p, ":"):
			parts[i] = tn.ids["users"]
		case p == "*":
			parts[i] = "app.css"
		}
	}
	return strings.Join(parts, "/")
}

// apiPath fills an API route's parameters with tn's ids.
func (tn *treeTenant) apiPath(route string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		if p == ":id" {
			parts[i] = tn.ids[parts[i-1]]
		} else if strings.HasPrefix(p, ":") {
			parts[i] = tn.ids[p[1:]]
		}
	}
	return strings.Join(parts, "/")
}

// treePrincipal is a person of the tree and the tenants it may act in.
type treePrincipal struct {
	name, email string
	home        string
	actsIn      map[string]bool // slugs
	acct        store.Account
}

func (w *treeWorld) principals(t *testing.T) []*treePrincipal {
	env, ctx := w.env, context.Background()
	a, a1 := w.tenants["cust-a"], w.tenants["cust-a1"]
	// The provider user holds no role at home and is Tenant Administrator of customer A.
	sp := env.userIn(env.tenant.ID, env.roles, "staff@acme.test", "standard", "active")
	if _, err := env.st.SetMemberRoles(ctx, store.Actor{TenantID: a.t.ID}, sp.ID, []int64{a.roles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	aAdmin := env.userIn(a.t.ID, a.roles, "boss@cust-a.test", "admin", "active")
	a1Admin := env.userIn(a1.t.ID, a1.roles, "boss@cust-a1.test", "admin", "active")
	return []*treePrincipal{
		{"provider user with roles in customer A", sp.Email, "acme", map[string]bool{"acme": true, "cust-a": true}, sp},
		{"customer A's Admin", aAdmin.Email, "cust-a", map[string]bool{"cust-a": true}, aAdmin},
		{"sub-tenant A1's Admin", a1Admin.Email, "cust-a1", map[string]bool{"cust-a1": true}, a1Admin},
	}
}

// TestTreeRouteWalk: for each principal, every console route under
// /t/<slug>/ of every tenant of the tree, full page and htmx. A tenant it may
// not act in answers exactly as a tenant that does not exist (404 for every
// route that is not public); in a tenant it acts in, another tenant's ids
// are 404 and its data never shows.
func TestTreeRouteWalk(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	w := newTreeWorld(t, env)
	for _, pr := range w.principals(t) {
		t.Run(pr.name, func(t *testing.T) {
			t.Parallel()
			c := env.signedIn(pr.email)
			send := func(method, path string, headers ...string) response {
				var res response
				if method == http.MethodGet {
					res = c.get(path, headers...)
				} else {
					res = c.post(path, nil, headers...)
				}
				if strings.HasSuffix(path, "/signout") && res.StatusCode < 400 {
					c = env.signedIn(pr.email)
				}
				return res
			}
			variants := map[string][]string{"page": nil, "htmx": htmx("#main")}
			for _, r := range env.h.Routes() {
				name := r.Method + " " + r.Path
				for _, slug := range w.order {
					tn := w.tenants[slug]
					for vname, hd := range variants {
						if !pr.actsIn[slug] {
							// What a tenant that does not exist answers, so nothing tells them apart.
							path := "/t/" + slug + tn.consolePath(r.Path)
							ghost := send(r.Method, "/t/no-such-tenant"+tn.consolePath(r.Path), hd...)
							res := send(r.Method, path, hd...)
							if res.StatusCode != ghost.StatusCode || (r.Perm != auth.Public && res.StatusCode != http.StatusNotFound) {
								t.Errorf("%s in %s (%s): %d, a tenant that does not exist %d; want 404 alike", name, slug, vname, res.StatusCode, ghost.StatusCode)
							}
							if strings.Contains(res.body, tn.marker) {
								t.Errorf("%s in %s (%s): the tenant's data shows", name, slug, vname)
							}
							continue
						}
						if r.Perm == auth.Public || !strings.Contains(r.Path, "/:") {
							continue
						}
						// Acting here, with every other tenant's ids.
						for _, other := range w.order {
							if other == slug {
								continue
							}
							ot := w.tenants[other]
							if r.Path == "/avatars/:key" && other == pr.home {
								continue // a random key of the person's own home tenant: its avatars are theirs to see
							}
							path := "/t/" + slug + ot.consolePath(r.Path)
							res := send(r.Method, path, hd...)
							if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
								t.Errorf("%s in %s with %s's ids (%s): %d, want 404", name, slug, other, vname, res.StatusCode)
							}
							if res.StatusCode == http.StatusForbidden && w.may(pr, slug, r) {
								t.Errorf("%s in %s with %s's ids (%s): 403 to a holder of %s, want 404", name, slug, other, vname, r.Perm)
							}
							if strings.Contains(res.body, ot.marker) {
								t.Errorf("%s in %s with %s's ids (%s): %s's data shows", name, slug, other, vname, other)
							}
						}
					}
				}
			}
		})
	}
}

// may reports whether the principal holds perm in the tenant: an Admin at
// home and the provider user's Tenant Administrator role in customer A hold
// every permission; the provider user holds none at home. Emails are read
// by an Admin in their home tenant only.
func (w *treeWorld) may(pr *treePrincipal, slug string, r Route) bool {
	admin := pr.acct.UserType == "admin" && pr.home == slug
	switch {
	case r.Path == "/mail/:id":
		return admin
	case r.Perm == auth.SignedIn:
		return true
	}
	return pr.actsIn[slug] && !(pr.home == "acme" && slug == "acme")
}

// memberKey makes an API key for a that acts in tenantID, a tenant it is a
// member of, written straight into the database: the store makes keys in
// the account's home tenant only so far.
func (e *testEnv) memberKey(a store.Account, tenantID int64) string {
	e.t.Helper()
	key, publicID, hash := auth.NewAPIKey()
	db := testdb.Open(e.t, e.dbPath)
	if _, err := db.Exec(`INSERT INTO api_keys (tenant_id, account_id, public_id, secret_hash, name, created_at, expires_at)
		VALUES (?, ?, ?, ?, 'member key', ?, 0)`, tenantID, a.ID, publicID, hash, time.Now().Unix()); err != nil {
		e.t.Fatal(err)
	}
	return key
}

// TestTreeAPIWalk: the keys of the tree's principals (each acting in its
// tenant) against every API route with ids of every other tenant of the
// tree: 404, and listings never show another tenant's data.
func TestTreeAPIWalk(t *testing.T) {
	t.Parallel()
	env := newEnvWith(t, t, false, func(c *Config) {
		// Every route for every tenant from one key: far past the account's rate, which TestAPIRateLimit covers.
		c.API.FailuresPerMinute, c.API.RatePerSecond, c.API.Burst = 1<<20, 1<<20, 1<<20
		c.API.AddressRatePerSecond, c.API.AddressBurst = 1<<20, 1<<20
	})
	w := newTreeWorld(t, env)
	prs := w.principals(t)
	keys := []struct {
		name, key, slug string
	}{
		{"provider user's key in customer A", env.memberKey(prs[0].acct, w.tenants["cust-a"].t.ID), "cust-a"},
		{"customer A's Admin's key", mustKey(env, prs[1].acct), "cust-a"},
		{"sub-tenant A1's Admin's key", mustKey(env, prs[2].acct), "cust-a1"},
	}
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			if res := env.call(k.key, http.MethodGet, "/users", nil); res.status != http.StatusOK ||
				!strings.Contains(res.raw, w.tenants[k.slug].marker) {
				t.Fatalf("the key does not act in its tenant: %d %s", res.status, snippet(res.raw))
			}
			for _, r := range env.h.API().Routes() {
				if r.Perm == auth.Public {
					continue
				}
				name := r.Method + " " + r.Path
				body := apiBodies[name]
				var payload any
				if body != "" {
					payload = strings.ReplaceAll(body, "acme.test", k.slug+".test")
				}
				if !strings.Contains(r.Path, ":") {
					if r.Method != http.MethodGet {
						continue
					}
					res := env.call(k.key, r.Method, r.Path, nil)
					for _, other := range w.order {
						if other != k.slug && strings.Contains(res.raw, w.tenants[other].marker) {
							t.Errorf("%s: %s's data listed", name, other)
						}
					}
					continue
				}
				for _, other := range w.order {
					if other == k.slug {
						continue
					}
					res := env.call(k.key, r.Method, w.tenants[other].apiPath(r.Path), payload)
					if res.status != http.StatusNotFound {
						t.Errorf("%s with %s's ids: %d, want 404: %s", name, other, res.status, snippet(res.raw))
					}
				}
			}
		})
	}
}

func mustKey(e *testEnv, a store.Account) string {
	k, _ := e.keyFor(a, time.Time{})
	return k
}

// A provider's Admin who is a member of a customer is a Standard account
// there: the customer's emails, whose links are live, stay the customer's
// Admins' to read.
func TestMemberAdminReadsNoCustomerMail(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	w := newTreeWorld(t, env)
	a := w.tenants["cust-a"]
	if _, err := env.st.SetMemberRoles(context.Background(), store.Actor{TenantID: a.t.ID}, env.admin.ID,
		[]int64{a.roles["tenant_admin"]}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn(env.admin.Email)
	wantStatus(t, c.get("/t/cust-a/mail"), http.StatusOK)
	res := c.get("/t/cust-a/mail/" + a.ids["mail"])
	wantStatus(t, res, http.StatusForbidden)
	if strings.Contains(res.body, a.marker) {
		t.Fatal("the customer's email shows")
	}
	wantStatus(t, c.get("/mail/"+w.tenants["acme"].ids["mail"]), http.StatusOK)
}
