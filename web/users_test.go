package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

func rowNames(res response) []string {
	var out []string
	res.doc.Find("#users-table tbody tr td.name").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

func TestUsersTableDefaultsAndFilters(t *testing.T) {
	env := newEnv(t)
	env.user("member@acme.test", "standard", "active", "member")
	env.user("nobody@acme.test", "standard", "active") // public: no role
	env.user("gone@acme.test", "standard", "deactivated", "member")
	env.user("reader@acme.test", "read_only", "active", "auditor")
	c := env.signedIn("admin@acme.test")

	cases := []struct {
		query string
		want  []string
	}{
		{"", []string{"Admin Tester", "Member Tester", "Reader Tester"}},
		{"?norole=1", []string{"Admin Tester", "Member Tester", "Nobody Tester", "Reader Tester"}},
		{"?deactivated=1", []string{"Admin Tester", "Gone Tester", "Member Tester", "Reader Tester"}},
		{"?status=deactivated", []string{"Gone Tester"}},
		{"?type=read_only", []string{"Reader Tester"}},
		{fmt.Sprintf("?role=%d", env.roles["auditor"]), []string{"Reader Tester"}},
		{"?q=mem", []string{"Member Tester"}},
		{"?q=MEMBER%40acme", []string{"Member Tester"}},
		{"?q=tester+rea", []string{"Reader Tester"}},
		{"?q=zzz", nil},
		{"?sort=email&dir=desc", []string{"Reader Tester", "Member Tester", "Admin Tester"}},
		{"?status=bogus&type=bogus&sort=bogus&size=7&after=garbage", []string{"Admin Tester", "Member Tester", "Reader Tester"}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			res := c.get("/users" + tc.query)
			wantStatus(t, res, http.StatusOK)
			if got := rowNames(res); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("rows %v, want %v", got, tc.want)
			}
		})
	}
	gone := c.get("/users?deactivated=1").doc.Find("tr.disabled .badge").Text()
	if gone != "Disabled" {
		t.Fatalf("deactivated row badge %q", gone)
	}
	if c.get("/users?q=zzz").doc.Find(".empty").Length() != 1 {
		t.Fatal("no empty state for a search matching nothing")
	}
}

func TestUsersTableAsFragmentAndPage(t *testing.T) {
	env := newEnv(t)
	c := env.signedIn("admin@acme.test")
	full := c.get("/users")
	if full.doc.Find("html").Length() != 1 || full.doc.Find("#filters").Length() != 1 {
		t.Fatal("full page load lacks layout or filters")
	}
	if !strings.Contains(full.Header.Get("Vary"), "HX-Request") {
		t.Fatal("no Vary: HX-Request")
	}
	frag := c.get("/users?q=adm", htmx("users-table")...)
	if strings.Contains(frag.body, "<html") || strings.Contains(frag.body, `id="filters"`) || frag.doc.Find("#users-table").Length() != 1 {
		t.Fatalf("htmx request should get the table alone:\n%s", snippet(frag.body))
	}
	restore := c.get("/users", "HX-Request", "true", "HX-History-Restore-Request", "true")
	if !strings.Contains(restore.body, "<html") {
		t.Fatal("a history restore needs the whole page")
	}
}

func TestUsersKeysetPaging(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	var seeds []store.SeedAccount
	for i := range 60 {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: fmt.Sprintf("P%02d", i), LastName: "Same", Email: fmt.Sprintf("p%02d@acme.test", i),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: fmt.Sprintf("p%02d", i), Status: "active", AuthMethod: "password", RoleIDs: []int64{env.roles["member"]}}})
	}
	if err := env.st.Seed(ctx, store.Actor{TenantID: env.tenant.ID}, seeds); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	var all []string
	path := "/users?size=25&q=same"
	var pages []string
	for path != "" {
		res := c.get(path)
		pages = append(pages, path)
		all = append(all, rowNames(res)...)
		next, _ := res.doc.Find(`a[rel="next"]`).Attr("href")
		path = next
	}
	if len(all) != 60 || len(pages) != 3 || all[0] != "P00 Same" || all[59] != "P59 Same" {
		t.Fatalf("walked %d rows over %d pages: %v", len(all), len(pages), all)
	}
	// Back from the last page gives the middle page again.
	last := c.get(pages[2])
	prev, _ := last.doc.Find(`a[rel="prev"]`).Attr("href")
	if got := rowNames(c.get(prev)); got[0] != "P25 Same" || len(got) != 25 {
		t.Fatalf("previous page starts %v", got[:1])
	}
}

func TestUsersPageQueryCountIsConstant(t *testing.T) {
	env := newEnv(t)
	ctx := context.Background()
	c := env.signedIn("admin@acme.test")
	count := func(path string) int64 {
		before := env.st.Statements()
		wantStatus(t, c.get(path), http.StatusOK)
		return env.st.Statements() - before
	}
	small := count("/users?size=25")
	smallSearch := count("/users?size=25&q=adm")
	var seeds []store.SeedAccount
	for i := range 400 {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: "Many", LastName: fmt.Sprint(i), Email: fmt.Sprintf("m%d@acme.test", i), Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: "standard"}, Login: fmt.Sprintf("m%d", i), Status: "active",
			AuthMethod: "password", RoleIDs: []int64{env.roles["member"], env.roles["auditor"]}}})
	}
	if err := env.st.Seed(ctx, store.Actor{TenantID: env.tenant.ID}, seeds); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/users?size=25", "/users?size=200", "/users?size=200&q=many&sort=last_active&dir=desc"} {
		if n := count(path); n != small {
			t.Errorf("%s ran %d statements, want %d as with one user", path, n, small)
		}
	}
	for _, path := range []string{"/users?size=200&q=many", "/users?q=many+1&sort=email&dir=desc&type=standard"} {
		if n := count(path); n != smallSearch {
			t.Errorf("%s ran %d statements, want %d as with one user", path, n, smallSearch)
		}
	}
	if small > 5 || smallSearch > small+1 {
		t.Errorf("users page runs %d statements, %d with a search", small, smallSearch)
	}
}

func TestCreateUser(t *testing.T) {
	env := newEnv(t)
	other, otherRoles := env.newTenant("Other", "other")
	_ = other
	env.user("taken@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	good := func() url.Values {
		return url.Values{"login": {"jdoe"}, "first_name": {"Élodie"}, "last_name": {"O'Brien"}, "email": {"Elodie@Example.com"},
			"language": {"fr"}, "time_zone": {"Europe/Paris"}, "currency": {"eur"}, "user_type": {"standard"},
			"auth_method": {"password"}, "password": {"a long enough passphrase"}, "status": {"active"},
			"role": {fmt.Sprint(env.roles["member"])}}
	}
	bad := []struct {
		name, field, value, errField, message string
	}{
		{"empty login", "login", "", "login", "required"},
		{"long login", "login", strings.Repeat("x", 65), "login", "at most 64"},
		{"login with space", "login", "j doe", "login", "only letters"},
		{"empty first name", "first_name", "  ", "first_name", "required"},
		{"long last name", "last_name", strings.Repeat("é", 101), "last_name", "at most 100"},
		{"invalid email", "email", "not-an-email", "email", "valid email"},
		{"duplicate email other case", "email", "TAKEN@acme.test", "email", "already used"},
		{"duplicate login", "login", "taken", "login", "already taken"},
		{"bad time zone", "time_zone", "Mars/Olympus", "time_zone", "Unknown time zone"},
		{"bad currency", "currency", "XYZ1", "currency", "Unknown currency"},
		{"bad user type", "user_type", "superuser", "user_type", "Choose one"},
		{"short password", "password", "short", "password", "at least 8"},
		{"common password", "password", "Password123", "password", "too common"},
		{"unknown role", "role", "999999", "roles", "does not exist"},
		{"other tenant's role", "role", fmt.Sprint(otherRoles["member"]), "roles", "does not exist"},
		{"role not a number", "role", "abc", "roles", "does not exist"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			form := good()
			form.Set(tc.field, tc.value)
			res := c.post("/users", form, htmx("sidebar")...)
			wantStatus(t, res, http.StatusUnprocessableEntity)
			msg := res.doc.Find("#" + tc.errField + "-error").Text()
			if !strings.Contains(msg, tc.message) {
				t.Fatalf("%s error %q, want it to say %q\n%s", tc.errField, msg, tc.message, snippet(res.body))
			}
			if _, err := env.st.AccountByEmail(context.Background(), env.tenant.ID, "elodie@example.com"); err == nil {
				t.Fatal("a refused form left an account behind")
			}
		})
	}
	res := c.post("/users", good(), append(htmx("sidebar"), "HX-Current-URL", env.srv.URL+"/users?q=elodie")...)
	wantStatus(t, res, http.StatusOK)
	a, err := env.st.AccountByEmail(context.Background(), env.tenant.ID, "elodie@example.com")
	if err != nil {
		t.Fatal("created account not found by its lower-cased email")
	}
	if a.Currency != "EUR" || a.Language != "fr" || a.Login != "jdoe" || a.PasswordHash == "" {
		t.Fatalf("stored %+v", a)
	}
	if !strings.Contains(res.doc.Find(`[role="status"]`).Text(), "User created") {
		t.Fatal("no confirmation")
	}
	if got := res.doc.Find(`#users-table[hx-swap-oob] td.name`).Text(); got != "Élodie O'Brien" {
		t.Fatalf("table not refreshed with the new user: %q", got)
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "user.create", TargetType: "account", TargetID: a.ID})
	if len(ev) != 1 || ev[0].ActorID != env.admin.ID || ev[0].IP == "" {
		t.Fatalf("create not audited: %+v", ev)
	}
	if strings.Contains(fmt.Sprint(ev[0].Details), "passphrase") {
		t.Fatal("the password reached the audit log")
	}
	// The new user can sign in with the initial password.
	res, _ = env.client().signIn("ELODIE@example.com", "a long enough passphrase", "")
	wantStatus(t, res, http.StatusSeeOther)
}

func TestEmailUniqueAcrossDescendantTenants(t *testing.T) {
	env := newEnv(t)
	child, err := env.st.CreateTenant(context.Background(), "Child", "child", env.tenant.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = env.st.CreateAccount(context.Background(), store.Actor{TenantID: child.ID}, store.NewAccount{
		Profile: store.Profile{FirstName: "A", LastName: "B", Email: "ADMIN@acme.test", Language: "en", TimeZone: "UTC",
			Currency: "USD", UserType: "standard"}, Login: "x", Status: "active", AuthMethod: "sso"})
	var conflict *store.Conflict
	if !errors.As(err, &conflict) || conflict.Field != "email" {
		t.Fatalf("email reused in a sub-tenant: %v", err)
	}
}

func TestEditUserSidebar(t *testing.T) {
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	env.user("taken@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")

	side := c.get("/users/"+id(bob)+"/edit", htmx("sidebar")...)
	wantStatus(t, side, http.StatusOK)
	if side.doc.Find(`input[name="login"]`).Length() != 0 || !strings.Contains(side.doc.Find("dl.readonly").Text(), "bob") {
		t.Fatal("login must show read-only, not as a field")
	}
	if side.doc.Find(`label[for="first_name"]`).Length() != 1 {
		t.Fatal("fields need real labels")
	}
	full := c.get("/users/" + id(bob) + "/edit")
	if full.doc.Find("#sidebar #first_name").Length() != 1 || full.doc.Find("#users-table").Length() != 1 {
		t.Fatal("a deep link to the sidebar should show it beside the table")
	}

	form := url.Values{"first_name": {"Robert"}, "last_name": {"Tester"}, "email": {"TAKEN@acme.test"}, "language": {"fr"},
		"time_zone": {"Europe/Paris"}, "currency": {"EUR"}, "user_type": {"standard"}}
	res := c.post("/users/"+id(bob), form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#email-error").Text(), "already used") {
		t.Fatal("duplicate email not explained beside the field")
	}
	form.Set("email", "robert@acme.test")
	res = c.post("/users/"+id(bob), form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	row := res.doc.Find("#user-" + id(bob) + "[hx-swap-oob]")
	if !strings.Contains(row.Find("td.name").Text(), "Robert") {
		t.Fatalf("row not updated out of band:\n%s", snippet(res.body))
	}
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "user.update"})
	if len(ev) != 1 || !strings.Contains(fmt.Sprint(ev[0].Details["before"]), "first_name:Bob") ||
		!strings.Contains(fmt.Sprint(ev[0].Details["after"]), "first_name:Robert") {
		t.Fatalf("update audit: %+v", ev)
	}

	// Plain form (no htmx) redirects back to the sidebar page.
	res = c.post("/users/"+id(bob), form)
	wantStatus(t, res, http.StatusSeeOther)
}

func TestRoleToggles(t *testing.T) {
	env := newEnv(t)
	bob := env.user("bob@acme.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	res := c.post("/users/"+id(bob)+"/roles", url.Values{"role": {fmt.Sprint(env.roles["member"]), fmt.Sprint(env.roles["auditor"])}}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.doc.Find("#user-"+id(bob)+" td.roles").Text(), "Auditor") {
		t.Fatal("row does not show the new role")
	}
	_, otherRoles := env.newTenant("Other", "other")
	res = c.post("/users/"+id(bob)+"/roles", url.Values{"role": {fmt.Sprint(otherRoles["tenant_admin"])}}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	held, _ := env.st.AccountRoles(context.Background(), env.tenant.ID, []int64{bob.ID})
	if len(held[bob.ID]) != 2 {
		t.Fatalf("a refused change altered roles: %+v", held[bob.ID])
	}
}

func TestLastManagerAndSelf(t *testing.T) {
	env := newEnv(t)
	mgr := env.user("mgr@acme.test", "standard", "active", "user_manager")
	c := env.signedIn("mgr@acme.test")
	// A User Manager may not demote an Admin: only an Admin makes or unmakes Admins.
	res := c.post("/users/"+id(env.admin), url.Values{"first_name": {"Admin"}, "last_name": {"Tester"}, "email": {"admin@acme.test"},
		"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.doc.Find("#user_type-error").Text(), "Only an administrator") {
		t.Fatalf("demoting an Admin not explained:\n%s", snippet(res.body))
	}
	// The admin steps down (as an admin may), so mgr is the last one who manages users.
	p := profileOf(env.admin, "Admin", "Tester")
	p.UserType = "standard"
	if _, err := env.st.UpdateProfile(context.Background(), actorFor(env), env.admin.ID, p); err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoles(context.Background(), actorFor(env), env.admin.ID, nil); err != nil {
		t.Fatal(err)
	}
	res = c.post("/users/"+id(mgr)+"/roles", url.Values{}, htmx("role-toggles")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "nobody else could then manage users") {
		t.Fatalf("refusal not explained:\n%s", snippet(res.body))
	}
	res = c.post("/users/"+id(mgr)+"/deactivate", nil, htmx("user-"+id(mgr))...)
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.Header.Get("HX-Trigger"), "cannot deactivate") {
		t.Fatalf("self-deactivation: %d %s", res.StatusCode, res.Header.Get("HX-Trigger"))
	}
}

func TestDeactivationEndsSessions(t *testing.T) {
	env := newEnv(t)
	env.user("bob@acme.test", "standard", "active", "user_manager")
	bob := env.signedIn("bob@acme.test")
	wantStatus(t, bob.get("/users"), http.StatusOK)
	admin := env.signedIn("admin@acme.test")
	b, _ := env.st.AccountByEmail(context.Background(), env.tenant.ID, "bob@acme.test")
	res := admin.post("/users/"+id(b)+"/deactivate", nil, htmx("user-"+id(b))...)
	wantStatus(t, res, http.StatusOK)
	if res.doc.Find("tr.disabled .badge").Text() != "Disabled" {
		t.Fatal("row not greyed with a Disabled badge")
	}
	wantStatus(t, bob.get("/users"), http.StatusSeeOther)
	ev, _ := env.st.AuditEvents(context.Background(), env.tenant.ID, store.AuditFilter{Action: "user.deactivate"})
	if len(ev) != 1 {
		t.Fatal("deactivation not audited")
	}
	wantStatus(t, admin.post("/users/"+id(b)+"/activate", nil), http.StatusSeeOther)
	res, _ = env.client().signIn("bob@acme.test", testPassword, "")
	wantStatus(t, res, http.StatusSeeOther)
}

func TestOtherTenantsUsersAreInvisible(t *testing.T) {
	env := newEnv(t)
	other, otherRoles := env.newTenant("Other", "other")
	stranger := env.userIn(other.ID, otherRoles, "stranger@other.test", "standard", "active", "member")
	c := env.signedIn("admin@acme.test")
	for _, path := range []string{"/users/" + id(stranger) + "/edit", "/users/abc/edit", "/users/-1/edit"} {
		wantStatus(t, c.get(path), http.StatusNotFound)
	}
	for _, action := range []string{"", "/roles", "/deactivate", "/activate"} {
		res := c.post("/users/"+id(stranger)+action, url.Values{"first_name": {"X"}})
		wantStatus(t, res, http.StatusNotFound)
	}
	if strings.Contains(c.get("/users?norole=1&deactivated=1&q=stranger").body, "stranger@other.test") {
		t.Fatal("another tenant's user is listed")
	}
	a, _ := env.st.Account(context.Background(), other.ID, stranger.ID)
	if a.Status != "active" || a.FirstName != "Stranger" {
		t.Fatal("another tenant's user was changed")
	}
}
