package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// tenantsEnv: acme (the provider, root) > {alpha > {alpha-team}, beta};
// alpha's administrator holds the Tenant Administrator role there.
type tenantsEnv struct {
	*testEnv
	alpha, team, beta store.Tenant
	alphaAdmin        store.Account
	betaUser          store.Account
	betaRoles         map[string]int64
}

func newTenantsEnv(t *testing.T) *tenantsEnv {
	env := newEnv(t)
	ctx := context.Background()
	mk := func(name, slug string, parent int64) (store.Tenant, map[string]int64) {
		tn, err := env.st.CreateTenant(ctx, name, slug, parent, auth.BuiltinRoles())
		if err != nil {
			t.Fatal(err)
		}
		roles, _ := env.st.Roles(ctx, tn.ID)
		m := map[string]int64{}
		for _, r := range roles {
			m[r.BuiltinKey] = r.ID
		}
		return tn, m
	}
	e := &tenantsEnv{testEnv: env}
	var alphaRoles, betaRoles map[string]int64
	e.alpha, alphaRoles = mk("Alpha", "alpha", env.tenant.ID)
	e.team, _ = mk("Alpha Team", "alpha-team", e.alpha.ID)
	e.beta, betaRoles = mk("Beta", "beta", env.tenant.ID)
	e.alphaAdmin = env.userIn(e.alpha.ID, alphaRoles, "boss@alpha.test", "standard", "active", "tenant_admin")
	e.betaUser = env.userIn(e.beta.ID, betaRoles, "user@beta.test", "standard", "active", "member")
	e.betaRoles = betaRoles
	return e
}

func tenantID(t store.Tenant) string { return id(store.Account{ID: t.ID}) }

func TestTenantsPageListsTheSubtree(t *testing.T) {
	t.Parallel()
	env := newTenantsEnv(t)
	admin := env.signedIn("admin@acme.test")
	res := admin.get(tp("/tenants"))
	wantStatus(t, res, http.StatusOK)
	var rows []string
	res.doc.Find("table.tenants-tree tbody tr").Each(func(_ int, s *goquery.Selection) {
		rows = append(rows, strings.Join(strings.Fields(s.Find("th a").Text()+" "+s.Find("td").Eq(1).Text()), " "))
	})
	want := []string{"Acme Service provider", "Alpha Customer", "Alpha Team Sub-tenant", "Beta Customer"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Fatalf("rows = %q, want %q", rows, want)
	}
	if res.doc.Find(`nav a[href="`+tp("/tenants")+`"]`).Length() != 1 {
		t.Error("the nav should offer the tenants page to whoever holds tenants.manage")
	}

	// Alpha's administrator sees alpha and below, nothing of acme or beta.
	boss := env.signedIn("boss@alpha.test")
	res = boss.get("/t/alpha/tenants")
	wantStatus(t, res, http.StatusOK)
	if got := res.doc.Find("table.tenants-tree tbody tr").Length(); got != 2 || strings.Contains(res.body, "Beta") {
		t.Fatalf("alpha sees %d rows:\n%s", got, snippet(res.body))
	}
	for _, other := range []store.Tenant{env.tenant, env.beta} {
		wantStatus(t, boss.get("/t/alpha/tenants/"+tenantID(other)+"/edit"), http.StatusNotFound)
		wantStatus(t, boss.post("/t/alpha/tenants/"+tenantID(other)+"/deactivate", nil), http.StatusNotFound)
		wantStatus(t, boss.post("/t/alpha/tenants/"+tenantID(other), url.Values{"name": {"Mine"}}), http.StatusNotFound)
	}
	res = boss.post("/t/alpha/tenants/"+tenantID(env.alpha)+"/deactivate", nil)
	wantStatus(t, res, http.StatusConflict)
	if !strings.Contains(res.body, "cannot deactivate the tenant you are acting in") {
		t.Errorf("refusal not said:\n%s", snippet(res.body))
	}
	res = boss.post("/t/alpha/tenants/"+tenantID(env.alpha)+"/deactivate", nil, htmx("main")...)
	wantStatus(t, res, http.StatusConflict)
	if !strings.Contains(res.Header.Get("HX-Trigger"), "cannot deactivate") {
		t.Errorf("htmx refusal not toasted: %q", res.Header.Get("HX-Trigger"))
	}
	if tn, _ := env.st.Tenant(context.Background(), env.alpha.ID); tn.Status != "active" {
		t.Fatal("alpha was deactivated")
	}

	// A member of beta holds no tenants.manage: no page, no nav entry.
	user := env.signedIn("user@beta.test")
	wantStatus(t, user.get("/t/beta/tenants"), http.StatusForbidden)
	if res := user.get("/t/beta/"); res.doc.Find(`nav a[href="/t/beta/tenants"]`).Length() != 0 {
		t.Error("nav offers tenants to someone without tenants.manage")
	}
	// Search.
	res = admin.get(tp("/tenants?q=bet"))
	if got := res.doc.Find("table.tenants-tree tbody tr").Length(); got != 1 {
		t.Fatalf("search found %d rows", got)
	}
}

func TestTenantCreateForm(t *testing.T) {
	t.Parallel()
	env := newTenantsEnv(t)
	admin := env.signedIn("admin@acme.test")
	res := admin.get(tp("/tenants/new"))
	wantStatus(t, res, http.StatusOK)
	for _, label := range []string{"name", "slug", "parent_id", "time_zone", "currency", "admin_email", "admin_account_id"} {
		if res.doc.Find(`label[for="`+label+`"]`).Length() != 1 {
			t.Errorf("no label for %s", label)
		}
	}

	post := func(v url.Values, headers ...string) response {
		return admin.post(tp("/tenants"), v, headers...)
	}
	// Field errors, beside their fields, in EN and in FR.
	res = post(url.Values{"name": {""}, "slug": {"Not OK!"}, "admin_mode": {"invite"}, "admin_email": {"nope"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	for _, f := range []string{"name", "slug", "admin_email"} {
		if res.doc.Find("#"+f+"-error").Length() != 1 {
			t.Errorf("no message for %s:\n%s", f, snippet(res.body))
		}
	}
	fr := store.NewAccount{Profile: store.Profile{FirstName: "Fleur", LastName: "Tester", Email: "fleur@acme.test", Language: "fr",
		TimeZone: "UTC", Currency: "USD", UserType: "admin"}, Login: "fleur", Status: "active", AuthMethod: "password",
		PasswordHash: env.passwordHash()}
	if _, err := env.st.CreateAccount(context.Background(), store.Actor{TenantID: env.tenant.ID}, fr); err != nil {
		t.Fatal(err)
	}
	fleur := env.signedIn("fleur@acme.test")
	res = fleur.post(tp("/tenants"), url.Values{"name": {"Gamma"}, "slug": {"beta"}})
	wantStatus(t, res, http.StatusConflict)
	res = fleur.post(tp("/tenants"), url.Values{"name": {"Gamma"}, "slug": {"beta"}}, htmx("main")...)
	wantStatus(t, res, http.StatusUnprocessableEntity) // the one error status htmx swaps
	if msg := res.doc.Find("#slug-error").Text(); !strings.Contains(msg, "déjà utilisé") {
		t.Errorf("slug taken, in French: %q", msg)
	}
	if res.doc.Find("html").Length() != 0 && strings.Contains(res.body, "<html") {
		t.Error("htmx got a whole page")
	}
	// The email of someone already in the tree.
	res = post(url.Values{"name": {"Gamma"}, "slug": {"gamma"}, "admin_mode": {"invite"}, "admin_email": {"user@beta.test"},
		"admin_first_name": {"Ann"}, "admin_last_name": {"Lee"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if res.doc.Find("#admin_email-error").Length() != 1 {
		t.Errorf("no admin_email message:\n%s", snippet(res.body))
	}
	// Someone of another tenant is not a person of this one.
	res = post(url.Values{"name": {"Gamma"}, "slug": {"gamma"}, "admin_mode": {"existing"}, "admin_account_id": {"boss@alpha.test"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if _, err := env.st.TenantBySlug(context.Background(), "gamma"); err == nil {
		t.Fatal("a refused tenant was written")
	}
	// No CSRF token: refused.
	res = post(url.Values{"_csrf": {"forged"}, "name": {"Gamma"}, "slug": {"gamma"}})
	wantStatus(t, res, http.StatusForbidden)

	// Created, slug suggested from the name, its administrator invited by mail.
	res = post(url.Values{"name": {"Gamma Société"}, "slug": {""}, "parent_id": {tenantID(env.alpha)}, "time_zone": {"Europe/Paris"},
		"currency": {"EUR"}, "admin_mode": {"invite"}, "admin_email": {"first@gamma.test"}, "admin_first_name": {"Gia"},
		"admin_last_name": {"Ma"}})
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != tp("/tenants?done=created") {
		t.Errorf("location = %q", loc)
	}
	ctx := context.Background()
	g, err := env.st.TenantBySlug(ctx, "gamma-societe")
	if err != nil {
		t.Fatal(err)
	}
	if g.ParentID == nil || *g.ParentID != env.alpha.ID || g.TimeZone != "Europe/Paris" || g.Currency != "EUR" {
		t.Errorf("gamma = %+v", g)
	}
	a, err := env.st.AccountByEmail(ctx, g.ID, "first@gamma.test")
	if err != nil || a.Status != "pending" || a.UserType != "admin" {
		t.Fatalf("first administrator = %+v, %v", a, err)
	}
	mails, _ := env.st.Outbox(ctx, g.ID, 0, 10)
	if len(mails) != 1 || mails[0].To != "first@gamma.test" || mails[0].Kind != "invitation" {
		t.Fatalf("invitation mail = %+v", mails)
	}
	if m := mails[0]; !strings.Contains(m.Subject+m.Text, "Gamma Société") || strings.Contains(m.Subject+m.Text, env.alpha.Name) {
		t.Errorf("the invitation speaks for %q, want the new tenant Gamma Société:\n%s\n%s", env.alpha.Name, m.Subject, m.Text)
	}
}

func TestTenantEditAndMove(t *testing.T) {
	t.Parallel()
	env := newTenantsEnv(t)
	admin := env.signedIn("admin@acme.test")
	path := tp("/tenants/" + tenantID(env.team))
	wantStatus(t, admin.get(path+"/edit"), http.StatusOK)
	// Under itself: refused beside the parent.
	res := admin.post(tp("/tenants/"+tenantID(env.alpha)), url.Values{"name": {"Alpha"}, "parent_id": {tenantID(env.team)},
		"time_zone": {"UTC"}, "currency": {"USD"}})
	if res.StatusCode == http.StatusSeeOther {
		t.Fatal("alpha moved under its own sub-tenant")
	}
	// The edit page does not offer alpha's own subtree as parents.
	res = admin.get(tp("/tenants/" + tenantID(env.alpha) + "/edit"))
	if res.doc.Find(`#parent_id option[value="`+tenantID(env.team)+`"]`).Length() != 0 {
		t.Error("alpha's own sub-tenant is offered as its parent")
	}
	res = admin.post(path, url.Values{"name": {"Team B"}, "parent_id": {tenantID(env.beta)}, "time_zone": {"UTC"}, "currency": {"GBP"}})
	wantStatus(t, res, http.StatusSeeOther)
	tn, _ := env.st.Tenant(context.Background(), env.team.ID)
	if tn.Name != "Team B" || *tn.ParentID != env.beta.ID || tn.Currency != "GBP" {
		t.Fatalf("team = %+v", tn)
	}
	res = admin.post(path, url.Values{"name": {""}, "time_zone": {"Mars/Base"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if res.doc.Find("#name-error").Length() != 1 || res.doc.Find("#time_zone-error").Length() != 1 {
		t.Errorf("messages missing:\n%s", snippet(res.body))
	}
}

// TestTenantDeactivationEndToEnd: beta's person cannot sign in, their open
// session stops, their key is refused; reactivated, all works again.
func TestTenantDeactivationEndToEnd(t *testing.T) {
	t.Parallel()
	env := newTenantsEnv(t)
	admin := env.signedIn("admin@acme.test")
	user := env.signedIn("user@beta.test")
	key, _ := env.keyFor(env.betaUser, time.Now().Add(24*time.Hour))
	// A person of the provider pushed down into beta.
	helper := env.user("helper@acme.test", "standard", "active", "member")
	if _, err := env.st.SetMemberRoles(context.Background(), store.Actor{TenantID: env.beta.ID}, helper.ID,
		[]int64{env.betaRoles["member"]}); err != nil {
		t.Fatal(err)
	}
	member := env.signedIn("helper@acme.test")
	wantStatus(t, member.get("/t/beta/projects"), http.StatusOK)
	wantStatus(t, user.get("/account"), http.StatusOK)
	wantAPI(t, env.call(key, http.MethodGet, "/projects", nil), http.StatusOK)

	res := admin.get(tp("/tenants/" + tenantID(env.beta) + "/edit"))
	for _, what := range []string{"can no longer sign in", "API keys stop", "sub-tenants", "nothing is deleted"} {
		if !strings.Contains(res.doc.Find(".tenant-status").Text(), what) {
			t.Errorf("the confirmation does not say %q", what)
		}
	}
	res = admin.post(tp("/tenants/"+tenantID(env.beta)+"/deactivate"), nil)
	wantStatus(t, res, http.StatusSeeOther)

	if res := user.get("/account"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
		t.Fatalf("the open session still works: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	again := env.client()
	res, msg := again.signIn("user@beta.test", testPassword, "")
	wantStatus(t, res, http.StatusForbidden)
	if !strings.Contains(msg, "suspended") {
		t.Errorf("sign-in message = %q", msg)
	}
	wantAPI(t, env.call(key, http.MethodGet, "/projects", nil), http.StatusUnauthorized)
	wantStatus(t, member.get("/t/beta/projects"), http.StatusNotFound)
	wantStatus(t, member.get(tp("/projects")), http.StatusOK) // at home, nothing changed
	events, err := env.st.AuditEvents(context.Background(), env.beta.ID, store.AuditFilter{Action: "signin.failure", Limit: 10})
	if err != nil || len(events) == 0 || events[0].Details["reason"] != "tenant_blocked" {
		t.Error("the refused sign-in was not audited")
	}
	if _, err := env.st.Account(context.Background(), env.beta.ID, env.betaUser.ID); err != nil {
		t.Fatal("deactivating deleted the person")
	}

	wantStatus(t, admin.post(tp("/tenants/"+tenantID(env.beta)+"/activate"), nil), http.StatusSeeOther)
	env.signedIn("user@beta.test")
	wantAPI(t, env.call(key, http.MethodGet, "/projects", nil), http.StatusOK)
	wantStatus(t, member.get("/t/beta/projects"), http.StatusOK)
}

func TestSettingsTimeZoneAndCurrency(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	admin := env.signedIn("admin@acme.test")
	res := admin.post(tp("/settings"), url.Values{"invite_days": {"7"}, "time_zone": {"Mars/Base"}, "currency": {"EURO"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if res.doc.Find("#time_zone-error").Length() != 1 || res.doc.Find("#currency-error").Length() != 1 {
		t.Fatalf("messages missing:\n%s", snippet(res.body))
	}
	wantStatus(t, admin.post(tp("/settings"), url.Values{"invite_days": {"7"}, "time_zone": {"Europe/Paris"}, "currency": {"eur"}}),
		http.StatusSeeOther)
	tn, _ := env.st.Tenant(context.Background(), env.tenant.ID)
	if tn.TimeZone != "Europe/Paris" || tn.Currency != "EUR" {
		t.Fatalf("saved %s %s", tn.TimeZone, tn.Currency)
	}
	if v, _ := admin.get(tp("/settings")).doc.Find("#time_zone").Attr("value"); v != "Europe/Paris" {
		t.Errorf("the form shows %q", v)
	}
}
