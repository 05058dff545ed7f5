package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// membersEnv: Acme with a sub-tenant Acme EU and a sibling Acme US. Acme's
// Admin is a Tenant Administrator of EU; sam (of Acme) is a member of EU;
// eva is EU's own Admin; bob is another Acme person; uma is Acme US's.
type membersEnv struct {
	*testEnv
	eu, us         store.Tenant
	euRoles        map[string]int64
	sam, bob, eva  store.Account
	uma            store.Account
	admin, euAdmin *client
}

func newMembersEnv(t *testing.T) *membersEnv {
	t.Helper()
	env := newEnv(t)
	ctx := context.Background()
	w := &membersEnv{testEnv: env}
	w.eu, w.euRoles = env.childTenant("Acme EU", "acme-eu", env.tenant.ID)
	var usRoles map[string]int64
	w.us, usRoles = env.childTenant("Acme US", "acme-us", env.tenant.ID)
	w.sam = env.user("sam@acme.test", "standard", "active", "auditor")
	w.bob = env.user("bob@acme.test", "standard", "active")
	w.eva = env.userIn(w.eu.ID, w.euRoles, "eva@eu.test", "admin", "active")
	w.uma = env.userIn(w.us.ID, usRoles, "uma@us.test", "standard", "active")
	for _, m := range []struct {
		a    store.Account
		role string
	}{{env.admin, "tenant_admin"}, {w.sam, "member"}} {
		if _, err := env.st.SetMemberRoles(ctx, store.Actor{TenantID: w.eu.ID}, m.a.ID, []int64{w.euRoles[m.role]}); err != nil {
			t.Fatal(err)
		}
	}
	w.admin = env.signedIn("admin@acme.test")
	w.euAdmin = env.signedIn("eva@eu.test")
	return w
}

// childTenant creates a tenant below parent with the built-in roles, by key.
func (e *testEnv) childTenant(name, slug string, parent int64) (store.Tenant, map[string]int64) {
	e.t.Helper()
	ctx := context.Background()
	tn, err := e.st.CreateTenant(ctx, name, slug, parent, auth.BuiltinRoles())
	if err != nil {
		e.t.Fatal(err)
	}
	roles, _ := e.st.Roles(ctx, tn.ID)
	m := map[string]int64{}
	for _, r := range roles {
		m[r.BuiltinKey] = r.ID
	}
	return tn, m
}

func eu(path string) string { return "/t/acme-eu" + path }

func TestUsersPageMarksMembersFromTheirHome(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	res := w.admin.get(eu("/users"))
	wantStatus(t, res, http.StatusOK)
	row := res.doc.Find("#user-" + id(w.sam))
	if !strings.Contains(row.Find(".from").Text(), "from Acme") {
		t.Fatalf("sam's row does not say where they come from: %q", row.Text())
	}
	if row.Find("button").Length() != 0 {
		t.Error("a member's row offers deactivation: their status is their home tenant's")
	}
	if strings.Contains(res.doc.Find("#user-"+id(w.eva)).Text(), "from") {
		t.Error("a home person is marked as a member")
	}
	if !strings.Contains(row.Find(".roles").Text(), "Member") || strings.Contains(row.Find(".roles").Text(), "Auditor") {
		t.Errorf("sam's roles here: %q (EU's Member, not Acme's Auditor)", row.Find(".roles").Text())
	}
	if res.doc.Find(`a[href="`+eu("/members/add")+`"]`).Length() != 1 {
		t.Error("no Add existing person for a person of the tenant above")
	}
	if w.admin.get("/users").doc.Find(`a[href="`+tp("/members/add")+`"]`).Length() != 0 {
		t.Error("Add existing person in the root tenant, where nobody is above")
	}
	if w.euAdmin.get(eu("/users")).doc.Find(`a[href="`+eu("/members/add")+`"]`).Length() != 0 {
		t.Error("Add existing person for EU's own Admin, who sees nobody above")
	}
}

func TestMemberSidebarIdentityReadOnlyRolesHere(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	res := w.admin.get(eu("/users/"+id(w.sam)+"/edit"), htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "Managed in Acme") {
		t.Fatalf("no 'Managed in Acme': %s", snippet(res.body))
	}
	if res.doc.Find(`input[name="first_name"], input[name="email"], select[name="user_type"]`).Length() != 0 {
		t.Error("a member's identity is editable here")
	}
	if res.doc.Find(`form[action="`+eu("/users/"+id(w.sam)+"/remove-member")+`"][hx-confirm]`).Length() != 1 {
		t.Error("no Remove from this tenant with a confirmation")
	}
	// Identity writes stay home-only: 404 here.
	wantStatus(t, w.admin.post(eu("/users/"+id(w.sam)), url.Values{"first_name": {"X"}, "last_name": {"Y"},
		"email": {"sam@acme.test"}, "user_type": {"admin"}}), http.StatusNotFound)
	wantStatus(t, w.admin.post(eu("/users/"+id(w.sam)+"/deactivate"), nil), http.StatusNotFound)
	// Roles here, through the membership.
	res = w.admin.post(eu("/users/"+id(w.sam)+"/roles"), url.Values{"roles_present": {"1"},
		"role": {fmt.Sprint(w.euRoles["auditor"])}}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusOK)
	held, _ := w.st.HeldRoles(context.Background(), w.eu.ID, w.sam.ID)
	if len(held) != 1 || held[0].RoleID != w.euRoles["auditor"] {
		t.Fatalf("roles in EU: %+v", held)
	}
	home, _ := w.st.HeldRoles(context.Background(), w.tenant.ID, w.sam.ID)
	if len(home) != 1 || home[0].RoleID != w.roles["auditor"] {
		t.Fatalf("roles at home changed: %+v", home)
	}
	// Removal.
	res = w.admin.post(eu("/users/"+id(w.sam)+"/remove-member"), nil)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != eu("/users") {
		t.Errorf("after removal: %q", loc)
	}
	if strings.Contains(w.admin.get(eu("/users?norole=1")).body, "sam@acme.test") {
		t.Error("the removed member is still listed")
	}
	if _, err := w.st.Account(context.Background(), w.tenant.ID, w.sam.ID); err != nil {
		t.Errorf("the home account went too: %v", err)
	}
}

func TestAddExistingPersonSearchAndPush(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	res := w.admin.get(eu("/members/candidates?q=bo"), htmx("member-candidates")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "bob@acme.test") || strings.Contains(res.body, "uma@us.test") {
		t.Fatalf("candidates: %s", snippet(res.body))
	}
	if res := w.admin.get(eu("/members/candidates?q=sam"), htmx("member-candidates")...); !strings.Contains(res.body, "already a member") {
		t.Errorf("sam is not marked as already a member: %s", snippet(res.body))
	}
	// EU's own Admin finds nobody above: no leak of Acme's people.
	for _, q := range []string{"admin", "bob", "acme"} {
		if res := w.euAdmin.get(eu("/members/candidates?q="+q), htmx("member-candidates")...); strings.Contains(res.body, "@acme.test") {
			t.Errorf("EU's Admin sees Acme's people for %q: %s", q, snippet(res.body))
		}
	}
	// A full page load works without script.
	if res := w.admin.get(eu("/members/add?q=bob")); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "bob@acme.test") {
		t.Errorf("full page search: %d", res.StatusCode)
	}
	// Push bob down with a role.
	res = w.admin.post(eu("/members"), url.Values{"account": {id(w.bob)}, "role": {fmt.Sprint(w.euRoles["project_manager"])}},
		htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "Added to this tenant") || !strings.Contains(res.body, "Managed in Acme") {
		t.Fatalf("after the push: %s", snippet(res.body))
	}
	if p, err := w.st.Person(context.Background(), w.eu.ID, w.bob.ID); err != nil || !p.Member {
		t.Fatalf("bob not a member of EU: %v", err)
	}
	// Again: roles changed, said so.
	res = w.admin.post(eu("/members"), url.Values{"account": {id(w.bob)}, "role": {fmt.Sprint(w.euRoles["member"])}}, htmx("sidebar")...)
	if !strings.Contains(res.body, "Already a member: their roles here were changed") {
		t.Errorf("second push: %s", snippet(res.body))
	}
	// Refusals: push up (EU's own person), sideways (US's person), no one chosen, junk.
	res = w.admin.post(eu("/members"), url.Values{"account": {id(w.eva)}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "already belongs to this tenant") {
		t.Errorf("home person: %s", snippet(res.body))
	}
	res = w.admin.post(eu("/members"), url.Values{"account": {id(w.uma)}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "People are shared downwards only: Uma Tester belongs to Acme US, which is not above this one.") {
		t.Errorf("sideways: %s", snippet(res.body))
	}
	for _, bad := range []string{"", "abc", "-3", "99999"} {
		res = w.admin.post(eu("/members"), url.Values{"account": {bad}}, htmx("sidebar")...)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		if !strings.Contains(res.body, "Choose a person") {
			t.Errorf("account %q: %s", bad, snippet(res.body))
		}
	}
	// EU's Admin cannot push Acme's people (above their home).
	res = w.euAdmin.post(eu("/members"), url.Values{"account": {id(w.bob)}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "above yours") {
		t.Errorf("EU's Admin pushing from above: %s", snippet(res.body))
	}
	// CSRF.
	wantStatus(t, w.admin.post(eu("/members"), url.Values{"_csrf": {"forged"}, "account": {id(w.bob)}}), http.StatusForbidden)
}

func TestMemberPagesRefuseOtherIDs(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	for _, path := range []string{"/users/" + id(w.uma) + "/edit", "/users/abc/edit", "/users/0/edit"} {
		wantStatus(t, w.admin.get(eu(path)), http.StatusNotFound)
	}
	for _, who := range []store.Account{w.uma, w.eva, w.bob} { // another tenant's, a home person, not a member
		wantStatus(t, w.admin.post(eu("/users/"+id(who)+"/remove-member"), nil), http.StatusNotFound)
	}
	wantStatus(t, w.admin.post(eu("/users/abc/remove-member"), nil), http.StatusNotFound)
	// EU's Admin cannot remove a member from above.
	res := w.euAdmin.post(eu("/users/"+id(w.sam)+"/remove-member"), nil)
	wantStatus(t, res, http.StatusForbidden)
	if _, err := w.st.Person(context.Background(), w.eu.ID, w.sam.ID); err != nil {
		t.Fatal("the member was removed by someone below their home")
	}
	// EU's Admin does not reach the parent's pages.
	wantStatus(t, w.euAdmin.get("/t/acme/users"), http.StatusNotFound)
}

// Creating a person whose email is already someone's above says that they
// can be added instead.
func TestCreateExistingEmailSaysWhere(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	form := func(email string) url.Values {
		return url.Values{"login": {"newbie"}, "first_name": {"New"}, "last_name": {"Person"}, "email": {email},
			"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"},
			"auth_method": {"password"}, "password": {"a long enough passphrase"}, "status": {"active"}}
	}
	res := w.admin.post(eu("/users"), form("bob@acme.test"), htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "already exists in Acme, above this tenant") || !strings.Contains(res.body, "Add existing person") {
		t.Errorf("email of a person above: %s", snippet(res.body))
	}
	res = w.admin.post(eu("/users"), form("uma@us.test"), htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "already exists in another tenant") {
		t.Errorf("email of a sibling's person: %s", snippet(res.body))
	}
	res = w.euAdmin.post(eu("/users"), form("bob@acme.test"), htmx("sidebar")...)
	if strings.Contains(res.body, "in Acme") {
		t.Errorf("EU's Admin is told the name of the tenant above: %s", snippet(res.body))
	}
}

func TestAPIMembers(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	ctx := context.Background()
	key, publicID, hash := auth.NewAPIKey()
	if _, err := w.st.CreateAPIKey(ctx, store.Actor{TenantID: w.eu.ID}, store.NewAPIKey{AccountID: w.testEnv.admin.ID,
		PublicID: publicID, SecretHash: hash, Name: "eu", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/tenants/%d/members/%d", w.eu.ID, w.bob.ID)
	r := w.call(key, http.MethodPut, path, map[string]any{"role_ids": []int64{w.euRoles["member"]}})
	wantAPI(t, r, http.StatusCreated)
	if num(r.body["home_tenant_id"]) != w.tenant.ID {
		t.Errorf("home_tenant_id: %v", r.body["home_tenant_id"])
	}
	r = w.call(key, http.MethodPut, path, map[string]any{"role_ids": []int64{w.euRoles["auditor"]}})
	wantAPI(t, r, http.StatusOK)
	r = w.call(key, http.MethodGet, "/users?q=bob", nil)
	wantAPI(t, r, http.StatusOK)
	items, _ := r.body["items"].([]any)
	if len(items) != 1 || num(items[0].(map[string]any)["home_tenant_id"]) != w.tenant.ID {
		t.Fatalf("users list: %s", snippet(r.raw))
	}
	wantAPI(t, w.call(key, http.MethodGet, fmt.Sprintf("/users/%d", w.bob.ID), nil), http.StatusOK)
	// Refusals.
	wantAPI(t, w.call(key, http.MethodPut, fmt.Sprintf("/tenants/%d/members/%d", w.tenant.ID, w.bob.ID),
		map[string]any{"role_ids": []int64{}}), http.StatusNotFound) // another tenant than the key's
	wantAPI(t, w.call(key, http.MethodPut, fmt.Sprintf("/tenants/%d/members/%d", w.us.ID, w.bob.ID),
		map[string]any{"role_ids": []int64{}}), http.StatusNotFound)
	r = w.call(key, http.MethodPut, fmt.Sprintf("/tenants/%d/members/%d", w.eu.ID, w.uma.ID), map[string]any{"role_ids": []int64{}})
	wantAPI(t, r, http.StatusConflict)
	if !strings.Contains(r.raw, "shared downwards only") {
		t.Errorf("push sideways: %s", r.raw)
	}
	wantAPI(t, w.call(key, http.MethodPut, path, map[string]any{}), http.StatusUnprocessableEntity)
	wantAPI(t, w.call(key, http.MethodPut, fmt.Sprintf("/tenants/%d/members/abc", w.eu.ID), map[string]any{"role_ids": []int64{}}), http.StatusNotFound)
	wantAPI(t, w.call(key, http.MethodDelete, path, nil), http.StatusNoContent)
	wantAPI(t, w.call(key, http.MethodDelete, path, nil), http.StatusNotFound)
	wantAPI(t, w.call(key, http.MethodGet, fmt.Sprintf("/users/%d", w.bob.ID), nil), http.StatusNotFound)
}

// The users page of a tenant costs the same statements with one member or
// sixty, whatever page of the merged table it shows.
func TestUsersPageWithMembersQueryCountIsConstant(t *testing.T) {
	t.Parallel()
	w := newMembersEnv(t)
	w.freezeSessions()
	ctx := context.Background()
	count := func(path string, headers ...string) int64 {
		before := w.st.Statements()
		wantStatus(t, w.admin.get(path, headers...), http.StatusOK)
		return w.st.Statements() - before
	}
	page, table, sidebar := count(eu("/users")), count(eu("/users?sort=last_active"), htmx("users-table")...),
		count(eu("/users/"+id(w.sam)+"/edit"), htmx("sidebar")...)
	for _, id := range w.seedUsers("Lot", 60) {
		if _, err := w.st.SetMemberRoles(ctx, store.Actor{TenantID: w.eu.ID}, id, []int64{w.euRoles["member"]}); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(eu("/users")); n != page {
		t.Errorf("the page ran %d statements with 61 members, %d with one", n, page)
	}
	if n := count(eu("/users?sort=last_active"), htmx("users-table")...); n != table {
		t.Errorf("the table ran %d statements with 61 members, %d with one", n, table)
	}
	if n := count(eu("/users/"+id(w.sam)+"/edit"), htmx("sidebar")...); n != sidebar {
		t.Errorf("the sidebar ran %d statements, %d before", n, sidebar)
	}
}
