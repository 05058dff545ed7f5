package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

const boundIssuer = "https://login.acme.example/realms/acme"

// ssoPerson creates an active SSO person of a tenant; bound to subject
// (through the sign-in's own linking) unless subject is "".
func (e *testEnv) ssoPerson(tenantID int64, roleIDs map[string]int64, email, userType, subject string, roles ...string) store.Account {
	e.t.Helper()
	ctx := context.Background()
	local, _, _ := strings.Cut(email, "@")
	n := store.NewAccount{Profile: store.Profile{FirstName: strings.ToUpper(local[:1]) + local[1:], LastName: "Sso",
		Email: email, Language: "en", TimeZone: "UTC", Currency: "USD", UserType: userType},
		Login: local, Status: "active", AuthMethod: "sso"}
	for _, r := range roles {
		n.RoleIDs = append(n.RoleIDs, roleIDs[r])
	}
	a, err := e.st.CreateAccount(ctx, store.Actor{TenantID: tenantID}, n)
	if err != nil {
		e.t.Fatal(err)
	}
	if subject == "" {
		return a
	}
	a, err = e.st.SSOSignIn(ctx, tenantID, store.SSOIdentity{Issuer: boundIssuer, Subject: subject, Email: email}, nil, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// boundSubject is the subject the account is bound to now ("" when unlinked).
func (e *testEnv) boundSubject(tenantID, id int64) string {
	e.t.Helper()
	a, err := e.st.Account(context.Background(), tenantID, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return a.SSOSubject
}

// adminInFrench signs in a second Admin who reads the console in French.
func (e *testEnv) adminInFrench() *client {
	e.t.Helper()
	a := e.user("admin.fr@acme.test", "admin", "active")
	p := profileOf(a, a.FirstName, a.LastName)
	p.Language = "fr"
	if _, err := e.st.UpdateProfile(context.Background(), actorFor(e), a.ID, p); err != nil {
		e.t.Fatal(err)
	}
	return e.signedIn("admin.fr@acme.test")
}

// TestUsersTableShowsSignInMethod: an SSO person's row carries the SSO
// mark, saying whether the identity is linked yet; a password person's none.
func TestUsersTableShowsSignInMethod(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	sam := env.ssoPerson(env.tenant.ID, env.roles, "sam@acme.test", "standard", "sam-sub", "member")
	una := env.ssoPerson(env.tenant.ID, env.roles, "una@acme.test", "standard", "", "member")
	pat := env.user("pat@acme.test", "standard", "active", "member")
	for lang, c := range map[string]*client{"en": env.signedIn("admin@acme.test"), "fr": env.adminInFrench()} {
		res := c.get("/users")
		wantStatus(t, res, http.StatusOK)
		want := map[string][2]string{
			"en": {"Signs in with single sign-on", "Signs in with single sign-on, not linked yet"},
			"fr": {"Se connecte par authentification unique", "Se connecte par authentification unique, pas encore liée"},
		}[lang]
		if got := res.doc.Find("#user-"+id(sam)+" .sso-badge").AttrOr("title", ""); got != want[0] {
			t.Errorf("%s: linked SSO row's mark %q, want %q", lang, got, want[0])
		}
		if got := res.doc.Find("#user-"+id(una)+" .sso-badge").AttrOr("title", ""); got != want[1] {
			t.Errorf("%s: unlinked SSO row's mark %q, want %q", lang, got, want[1])
		}
		if got := strings.TrimSpace(res.doc.Find("#user-" + id(sam) + " td.name").Text()); !strings.Contains(got, "SSO") {
			t.Errorf("%s: the name cell %q does not say SSO", lang, got)
		}
		if n := res.doc.Find("#user-" + id(pat) + " .sso-badge").Length(); n != 0 {
			t.Errorf("%s: a password person's row is marked SSO", lang)
		}
	}

	// The sign-in filter, as a deep link and as the table fragment.
	c := env.signedIn("admin@acme.test")
	rows := func(res response) []string {
		var out []string
		res.doc.Find("#users-table tbody tr").Each(func(_ int, r *goquery.Selection) { out = append(out, r.AttrOr("id", "")) })
		return out
	}
	res := c.get("/users?auth=sso")
	if got := rows(res); strings.Join(got, " ") != "user-"+id(sam)+" user-"+id(una) {
		t.Errorf("auth=sso rows %v", got)
	}
	if res.doc.Find(`label[for="filter-auth"]`).Text() != "Sign-in method" || res.doc.Find(`#filter-auth option[selected]`).AttrOr("value", "") != "sso" {
		t.Error("the sign-in filter is not shown as chosen")
	}
	res = c.get("/users?auth=password", htmx("users-table")...)
	if got := strings.Join(rows(res), " "); !strings.Contains(got, "user-"+id(pat)) || !strings.Contains(got, "user-"+id(env.admin)) ||
		strings.Contains(got, "user-"+id(sam)) || strings.Contains(got, "user-"+id(una)) {
		t.Errorf("auth=password rows %v", got)
	}
	if res.Header.Get("HX-Push-Url") != tp("/users?auth=password") && res.Header.Get("HX-Push-Url") != "/users?auth=password" {
		t.Errorf("pushed URL %q", res.Header.Get("HX-Push-Url"))
	}
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	r := env.call(key, http.MethodGet, "/users?auth=sso", nil)
	wantAPI(t, r, http.StatusOK)
	if strings.Count(r.raw, `"auth":"sso"`) != 2 || strings.Contains(r.raw, `"auth":"password"`) {
		t.Errorf("API auth=sso: %s", snippet(r.raw))
	}
	if r := env.call(key, http.MethodGet, "/users?auth=kerberos", nil); r.status != http.StatusUnprocessableEntity || !fieldErrors(r)["auth"] {
		t.Errorf("API auth=kerberos: %d %s", r.status, r.raw)
	}
	rep := csvRows(t, env.call(key, http.MethodGet, "/reports/user-permissions?format=csv&auth=sso", nil).raw)
	if len(rep) != 3 {
		t.Errorf("report auth=sso: %v", rep)
	}
}

// TestSSOIdentitySidebar: the sidebar of an SSO person shows the identity
// it is bound to, or that it links at the first sign-in; a password person
// has no such section; in French too.
func TestSSOIdentitySidebar(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	sam := env.ssoPerson(env.tenant.ID, env.roles, "sam@acme.test", "standard", "sam-sub", "member")
	una := env.ssoPerson(env.tenant.ID, env.roles, "una@acme.test", "standard", "", "member")
	pat := env.user("pat@acme.test", "standard", "active", "member")
	admin := env.signedIn("admin@acme.test")

	for _, h := range [][]string{htmx("sidebar"), nil} { // the fragment and the full page
		res := admin.get("/users/"+id(sam)+"/edit", h...)
		wantStatus(t, res, http.StatusOK)
		sec := res.doc.Find("#sso-identity")
		if got := sec.Find("h3").Text(); got != "Single sign-on identity" {
			t.Fatalf("section heading %q", got)
		}
		if dd := sec.Find("dd"); dd.Length() != 2 || dd.Eq(0).Text() != boundIssuer || dd.Eq(1).Text() != "sam-sub" {
			t.Errorf("identity shown %q", dd.Text())
		}
		form := sec.Find("form")
		if form.AttrOr("hx-post", "") != tp("/users/"+id(sam)+"/sso-unlink") || form.Find(`input[name="_csrf"]`).Length() != 1 ||
			!strings.Contains(form.AttrOr("hx-confirm", ""), "Sam Sso") || strings.TrimSpace(form.Find("button").Text()) != "Unlink" {
			t.Errorf("no Unlink form as expected: %s", snippet(selHTML(form)))
		}
	}
	res := admin.get("/users/"+id(una)+"/edit", htmx("sidebar")...)
	sec := res.doc.Find("#sso-identity")
	if !strings.Contains(sec.Text(), "Not linked yet: linked at the first sign-in, by the verified address.") || sec.Find("button").Length() != 0 {
		t.Errorf("unlinked section %q", strings.TrimSpace(sec.Text()))
	}
	if res := admin.get("/users/"+id(pat)+"/edit", htmx("sidebar")...); res.doc.Find("#sso-identity").Length() != 0 {
		t.Error("a password person's sidebar shows a single sign-on identity")
	}

	sec = env.adminInFrench().get("/users/"+id(sam)+"/edit", htmx("sidebar")...).doc.Find("#sso-identity")
	if sec.Find("h3").Text() != "Identité d’authentification unique" || strings.TrimSpace(sec.Find("button").Text()) != "Délier" {
		t.Errorf("French section %q", strings.TrimSpace(sec.Text()))
	}
}

func selHTML(s interface{ Html() (string, error) }) string {
	h, _ := s.Html()
	return h
}

// TestUserReportSignInMethod: the User Permission Report says how each
// person signs in, in CSV and Excel, from the console and the API, in French
// too.
func TestUserReportSignInMethod(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.ssoPerson(env.tenant.ID, env.roles, "sam@acme.test", "standard", "sam-sub", "member")
	env.user("pat@acme.test", "standard", "active", "member")
	key, _ := env.keyFor(env.admin, time.Now().Add(time.Hour))
	method := func(rows [][]string) map[string]string {
		t.Helper()
		col := -1
		for i, h := range rows[0] {
			if h == "Sign-in method" || h == "Méthode de connexion" {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("no sign-in method column in %v", rows[0])
		}
		out := map[string]string{}
		for _, r := range rows[1:] {
			out[r[3]] = r[col] // by email
		}
		return out
	}
	admin := env.signedIn("admin@acme.test")
	_, _, fromXLSX := xlsxRows(t, admin.get("/users/report?all=1&format=xlsx").body)
	for name, rows := range map[string][][]string{
		"console csv":  csvRows(t, admin.get("/users/report?all=1&format=csv").body),
		"console xlsx": fromXLSX,
		"api csv":      csvRows(t, env.call(key, http.MethodGet, "/reports/user-permissions?all=1&format=csv", nil).raw),
	} {
		m := method(rows)
		if m["sam@acme.test"] != "Single sign-on (SSO)" || m["pat@acme.test"] != "Password" {
			t.Errorf("%s: sign-in methods %v", name, m)
		}
	}
	m := method(csvRows(t, env.adminInFrench().get("/users/report?all=1&format=csv").body))
	if m["sam@acme.test"] != "Authentification unique (SSO)" || m["pat@acme.test"] != "Mot de passe" {
		t.Errorf("French sign-in methods %v", m)
	}
}
