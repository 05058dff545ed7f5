package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// switcherNames are the tenants a switcher fragment lists, in order.
func switcherNames(res response) []string {
	var out []string
	res.doc.Find(".switcher-list a .switcher-tenant").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

// Whoever may act in more than one tenant gets the switcher naming the
// tenant acted in; everyone else sees that tenant's name, no switcher.
func TestSwitcherShownToWhoeverActsInMoreThanOneTenant(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	w := newProviderWorld(env)
	admin := env.signedIn("admin@acme.test").get("/users")
	wantStatus(t, admin, http.StatusOK)
	if admin.doc.Find("#switcher-button").Length() != 0 || !strings.Contains(admin.doc.Find(".topbar .tenant").Text(), "Acme") {
		t.Fatalf("a person of one tenant: no switcher, the tenant named\n%s", snippet(admin.doc.Find(".topbar").Text()))
	}
	ann := env.signedIn(w.annA.Email).get("/account")
	if ann.doc.Find("#switcher-button").Length() != 0 || !strings.Contains(ann.doc.Find(".topbar .tenant").Text(), "Customer A") {
		t.Fatalf("a customer's own person sees their tenant named, no switcher\n%s", snippet(ann.doc.Find(".topbar").Text()))
	}
	sam := env.signedIn("sam@acme.test")
	res := sam.get("/t/cust-a/users")
	wantStatus(t, res, http.StatusOK)
	btn := res.doc.Find("#switcher-button")
	if btn.Length() != 1 || !strings.Contains(btn.Text(), "Customer A") || btn.AttrOr("aria-expanded", "") != "false" ||
		btn.AttrOr("aria-controls", "") != "switcher-panel" {
		t.Fatalf("switcher button: %q", btn.Text())
	}
	if res.doc.Find(`label[for="switcher-q"]`).Length() != 1 || res.doc.Find("#switcher-q").AttrOr("hx-get", "") != "/t/cust-a/switcher" {
		t.Fatal("the switcher's filter box is labelled and asks the tenant acted in")
	}
}

// The switcher lists home and memberships (never another tenant, never a
// blocked one), filters as typed, links each tenant's own first page, and a
// switch moves that tenant to the top.
func TestSwitcherListsFiltersAndRemembers(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	newProviderWorld(env)
	env.customer("Customer C", "cust-c", env.tenant.ID) // Sam is no member there
	sam := env.signedIn("sam@acme.test")
	res := sam.get("/t/cust-a/switcher", htmx("switcher-results")...)
	wantStatus(t, res, http.StatusOK)
	if got := switcherNames(res); !slices.Equal(got, []string{"Acme", "Customer A", "Customer B"}) {
		t.Fatalf("listed %v", got)
	}
	if strings.Contains(res.body, "<html") {
		t.Fatal("htmx gets the fragment alone")
	}
	a := res.doc.Find(".switcher-list a").Eq(1)
	if a.AttrOr("href", "") != "/t/cust-a/?from=switcher" || a.AttrOr("aria-current", "") != "true" {
		t.Fatalf("Customer A's link: %q current=%q", a.AttrOr("href", ""), a.AttrOr("aria-current", ""))
	}
	if got := switcherNames(sam.get("/switcher?q=b", htmx("switcher-results")...)); !slices.Equal(got, []string{"Customer B"}) {
		t.Fatalf("filter b: %v", got)
	}
	none := sam.get("/switcher?q=cust-c", htmx("switcher-results")...)
	if got := switcherNames(none); len(got) != 0 || !strings.Contains(none.doc.Find(".switcher-empty").Text(), "cust-c") {
		t.Fatalf("a tenant Sam is not a member of: %v", got)
	}

	// Following a switcher link records it; the next list starts with it.
	res = sam.get("/t/cust-b/?from=switcher")
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/t/cust-b/users" {
		t.Fatalf("switch lands on %s", loc)
	}
	if got := switcherNames(sam.get("/switcher", htmx("switcher-results")...)); !slices.Equal(got, []string{"Customer B", "Acme", "Customer A"}) {
		t.Fatalf("after switching to B: %v", got)
	}
	// A plain visit of a tenant's page is no switch: nothing written.
	before := env.st.Statements()
	wantStatus(t, sam.get("/t/cust-a/"), http.StatusSeeOther)
	if got := switcherNames(sam.get("/switcher", htmx("switcher-results")...)); got[0] != "Customer B" {
		t.Fatalf("a visit without the switcher moved the order: %v (%d statements)", got, env.st.Statements()-before)
	}
	// Without scripts the switcher is a page with a search form.
	page := sam.get("/switcher?q=customer")
	wantStatus(t, page, http.StatusOK)
	if page.doc.Find("h1").Text() != "Switch tenant" || len(switcherNames(page)) != 2 || page.doc.Find(`form[role=search] input[name=q]`).Length() != 1 {
		t.Fatalf("switcher page: %s", snippet(page.doc.Find("main").Text()))
	}
}

// Beyond twenty tenants the list stops and says to refine the search.
func TestSwitcherAsksToRefineBeyondTwenty(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	sam := env.user("sam@acme.test", "standard", "active")
	for i := range 25 {
		tn, roles := env.customer(fmt.Sprintf("Customer %02d", i), fmt.Sprintf("c%02d", i), env.tenant.ID)
		env.member(tn.ID, roles, sam, "member")
	}
	c := env.signedIn("sam@acme.test")
	res := c.get("/switcher", htmx("switcher-results")...)
	if got := switcherNames(res); len(got) != 20 || res.doc.Find(".switcher-more").Length() != 1 {
		t.Fatalf("listed %d, hint %q", len(got), res.doc.Find(".switcher-more").Text())
	}
	res = c.get("/switcher?q="+url.QueryEscape("Customer 2"), htmx("switcher-results")...)
	if got := switcherNames(res); len(got) != 5 || res.doc.Find(".switcher-more").Length() != 0 {
		t.Fatalf("refined: %v", got)
	}
}

// A page acting away from home says so, in its title and under the top bar.
func TestPagesSayTheyActAwayFromHome(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	newProviderWorld(env)
	sam := env.signedIn("sam@acme.test")
	res := sam.get("/t/cust-a/users")
	if got := res.doc.Find("title").Text(); got != "Users · Customer A · Console" {
		t.Fatalf("title %q", got)
	}
	note := res.doc.Find("#away-note")
	if !strings.Contains(note.Text(), "Customer A") || note.Find("a").AttrOr("href", "") != "/t/acme/?from=switcher" ||
		!strings.Contains(note.Find("a").Text(), "Acme") {
		t.Fatalf("away note: %q", note.Text())
	}
	home := sam.get("/account")
	if home.doc.Find("#away-note").Length() != 0 || home.doc.Find("title").Text() != "My account · Console" {
		t.Fatalf("at home: title %q", home.doc.Find("title").Text())
	}
}

// My account shows the roles held in the tenant acted in: A's in A, B's in B.
func TestAccountShowsAccessInTheTenantActedIn(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	newProviderWorld(env)
	sam := env.signedIn("sam@acme.test")
	for path, want := range map[string]string{"/t/cust-a/account": "User Manager", "/t/cust-b/account": "Auditor"} {
		res := sam.get(path)
		wantStatus(t, res, http.StatusOK)
		sec := res.doc.Find("#access-here")
		var roles []string
		sec.Find(".access-roles .chip").Each(func(_ int, s *goquery.Selection) { roles = append(roles, s.Text()) })
		if !slices.Equal(roles, []string{want}) || !strings.Contains(sec.Find("h2").Text(), "Your access here") {
			t.Errorf("%s: roles %v, want [%s]", path, roles, want)
		}
	}
	if roles := sam.get("/account").doc.Find("#access-here .access-roles .chip").Length(); roles != 0 {
		t.Errorf("at home Sam holds no role, %d shown", roles)
	}
}

// A deep link opens the tenant it was made in for whoever may act there,
// whichever tenant they were acting in, full page or fragment, signed in or
// not yet; anyone else gets 404, never their own tenant's page.
func TestDeepLinksOpenTheirTenantOr404(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	w := newProviderWorld(env)
	link := "/t/cust-a/users/" + id(w.annA) + "/edit"
	sam := env.signedIn("sam@acme.test")
	wantStatus(t, sam.get("/t/cust-b/users"), http.StatusOK) // acting in B
	res := sam.get(link)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "ann@cust-a.test") || res.doc.Find("#switcher-button .switcher-name").Text() != "Customer A" {
		t.Fatalf("the deep link did not open A's user in A")
	}
	frag := sam.get(link, htmx("sidebar")...)
	wantStatus(t, frag, http.StatusOK)
	if !strings.Contains(frag.body, "ann@cust-a.test") || strings.Contains(frag.body, "<html") {
		t.Fatal("the deep link's fragment")
	}
	// B's person under A's prefix, and A's person under B's: not found.
	wantStatus(t, sam.get("/t/cust-a/users/"+id(w.bertB)+"/edit"), http.StatusNotFound)
	wantStatus(t, sam.get("/t/cust-b/users/"+id(w.annA)+"/edit"), http.StatusNotFound)

	bob := env.signedIn("bob@acme.test")
	wantStatus(t, bob.get("/t/cust-b/users"), http.StatusOK)
	for _, h := range [][]string{nil, htmx("sidebar")} {
		res := bob.get(link, h...)
		wantStatus(t, res, http.StatusNotFound)
		if strings.Contains(res.body, "ann@cust-a.test") || strings.Contains(res.body, "bert@cust-b.test") {
			t.Fatal("a 404 shows someone")
		}
	}
	wantStatus(t, env.signedIn(w.bertB.Email).get(link), http.StatusNotFound)

	// Signed out: sign in, then land on the deep link, prefix kept.
	c := env.client()
	res = c.get(link)
	wantStatus(t, res, http.StatusSeeOther)
	loc, _ := res.Location()
	if loc.Path != "/signin" || loc.Query().Get("next") != link {
		t.Fatalf("signed out: sent to %s", loc)
	}
	res = c.get(link, htmx("sidebar")...)
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.Header.Get("HX-Redirect"), url.QueryEscape(link)) {
		t.Fatalf("signed-out fragment: %d %q", res.StatusCode, res.Header.Get("HX-Redirect"))
	}
	res, msg := c.signIn("sam@acme.test", testPassword, link)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != link {
		t.Fatalf("sign-in with next: %d %q %s", res.StatusCode, res.Header.Get("Location"), msg)
	}
	if res := c.get(link); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "ann@cust-a.test") {
		t.Fatalf("after sign-in: %d", res.StatusCode)
	}
	c = env.client()
	if res, _ := c.signIn("bob@acme.test", testPassword, link); res.Header.Get("Location") != link {
		t.Fatalf("bob's sign-in: %q", res.Header.Get("Location"))
	}
	wantStatus(t, c.get(link), http.StatusNotFound)
}

// The switcher and the pages cost as many statements for a person of 1,000
// customers as for a person of 2.
func TestSwitcherAndPagesCostTheSameForAThousandTenants(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: seeding 1,000 tenants takes seconds; make test and CI run it")
	}
	t.Parallel()
	env := newEnv(t)
	few := env.user("few@acme.test", "standard", "active")
	many := env.user("many@acme.test", "standard", "active")
	var first store.Tenant
	ctx := context.Background()
	for i := range 1000 {
		var tn store.Tenant
		var roles map[string]int64
		if i < 2 { // the tenants both act in get the built-in roles; the rest, to be quick, none
			tn, roles = env.customer(fmt.Sprintf("Customer %04d", i), fmt.Sprintf("c%04d", i), env.tenant.ID)
			env.member(tn.ID, roles, few, "user_manager")
		} else {
			var err error
			if tn, err = env.st.CreateTenant(ctx, fmt.Sprintf("Customer %04d", i), fmt.Sprintf("c%04d", i), env.tenant.ID, nil); err != nil {
				t.Fatal(err)
			}
		}
		if i == 0 {
			first = tn
		}
		if i < 2 {
			env.member(tn.ID, roles, many, "user_manager")
		} else {
			env.member(tn.ID, roles, many)
		}
	}
	if n, _ := env.st.Reach(ctx, many.ID, env.tenant.ID, "", 2000); len(n) != 1001 {
		t.Fatalf("many may act in %d tenants", len(n))
	}
	env.freezeSessions()
	cost := func(c *client, path string, headers ...string) int64 {
		t.Helper()
		c.get(path, headers...) // prepared statements, session warm
		before := env.st.Statements()
		res := c.get(path, headers...)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		return env.st.Statements() - before
	}
	cf, cm := env.signedIn("few@acme.test"), env.signedIn("many@acme.test")
	for _, p := range []struct {
		path    string
		headers []string
	}{
		{"/t/" + first.Slug + "/users", nil},
		{"/t/" + first.Slug + "/account", nil},
		{"/t/" + first.Slug + "/switcher", htmx("switcher-results")},
		{"/t/" + first.Slug + "/switcher?q=customer", htmx("switcher-results")},
		{"/switcher", nil},
	} {
		f, m := cost(cf, p.path, p.headers...), cost(cm, p.path, p.headers...)
		if f != m {
			t.Errorf("%s: %d statements for 3 tenants, %d for 1,001", p.path, f, m)
		}
	}
	// The switch itself writes one row, for 1,001 tenants as for 3.
	f, m := cost2(env, cf, first.Slug), cost2(env, cm, first.Slug)
	if f != m {
		t.Errorf("a switch: %d statements for 3 tenants, %d for 1,001", f, m)
	}
}

func cost2(env *testEnv, c *client, slug string) int64 {
	env.t.Helper()
	before := env.st.Statements()
	if res := c.get("/t/" + slug + "/?from=switcher"); res.StatusCode != http.StatusSeeOther {
		env.t.Fatalf("switch: %d", res.StatusCode)
	}
	return env.st.Statements() - before
}
