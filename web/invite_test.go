package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// mailTo delivers the outbox and returns the one email that reached addr.
func (e *testEnv) mailTo(addr string) (subject, text string) {
	e.t.Helper()
	e.deliver()
	got := e.smtp.To(addr)
	if len(got) == 0 {
		e.t.Fatalf("no email to %s (all: %d)", addr, len(e.smtp.Messages()))
	}
	last := got[len(got)-1]
	return last.Subject, last.Text
}

// path turns a link of an email into a path on the test server.
func (e *testEnv) path(link string) string { return strings.TrimPrefix(link, e.srv.URL) }

func TestInviteAcceptSignsInWithPresetRolesAndGroups(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Sales", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, actorFor(env), g.ID, []int64{env.roles["project_manager"]}); err != nil {
		t.Fatal(err)
	}
	admin := env.signedIn(env.admin.Email)
	form := url.Values{"email": {"Nora.Ng@Example.org"}, "first_name": {"Nora"}, "last_name": {"Ng"},
		"user_type": {"standard"}, "language": {"fr"}, "role": {id64(env.roles["auditor"])}, "group": {id64(g.ID)}}
	res := admin.post("/users/invite", form, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "Invitation sent") {
		t.Fatalf("no confirmation:\n%s", snippet(res.body))
	}
	a, err := env.st.AccountByEmail(ctx, env.tenant.ID, "nora.ng@example.org")
	if err != nil || a.Status != "pending" || a.Origin != "invitation" {
		t.Fatalf("pending invited account: %+v, %v", a, err)
	}
	subject, text := env.mailTo("nora.ng@example.org")
	if !strings.Contains(subject, "vous invite") || !strings.Contains(text, "Accepter l’invitation") {
		t.Fatalf("invitation not in French: %q\n%s", subject, text)
	}
	link := env.path(env.linkIn(text, "/invite/"))

	// The Invitations view names who sent it.
	list := admin.get("/invitations")
	if row := list.doc.Find("tbody tr"); row.Length() != 1 || !strings.Contains(row.Text(), "nora.ng@example.org") ||
		!strings.Contains(row.Text(), env.admin.Name()) {
		t.Fatalf("invitations view:\n%s", snippet(list.body))
	}

	nora := env.client()
	wantStatus(t, nora.get(link), http.StatusOK)
	for name, pw := range map[string][2]string{"short": {"abc", "abc"}, "common": {"password123", "password123"},
		"mismatch": {"a long enough passphrase", "another long passphrase"}} {
		res := nora.post(link, url.Values{"password": {pw[0]}, "confirm": {pw[1]}})
		if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find(".field-error").Length() == 0 {
			t.Fatalf("%s password: status %d\n%s", name, res.StatusCode, snippet(res.body))
		}
	}
	res = nora.post(link, url.Values{"password": {"nora picks a long passphrase"}, "confirm": {"nora picks a long passphrase"}})
	wantStatus(t, res, http.StatusSeeOther)
	// She is greeted, in her language, with what her roles let her do (issue 16, defect 17).
	if loc := res.Header.Get("Location"); loc != "/welcome" {
		t.Fatalf("after accepting: Location %q, want /welcome", loc)
	}
	welcome := nora.get("/welcome")
	wantStatus(t, welcome, http.StatusOK)
	if got := strings.TrimSpace(welcome.doc.Find("h1").Text()); got != "Bienvenue chez "+env.tenant.Name+", Nora Ng" {
		t.Fatalf("welcome heading %q", got)
	}
	if roles := welcome.doc.Find("#welcome-roles").Text(); !strings.Contains(roles, "Auditeur") || !strings.Contains(roles, "Gestionnaire de projets") {
		t.Fatalf("welcome roles %q", roles)
	}
	if start, _ := welcome.doc.Find("#welcome-start").Attr("href"); !strings.HasSuffix(start, "/users") {
		t.Fatalf("Get started goes to %q", start)
	}
	home := nora.get("/users")
	wantStatus(t, home, http.StatusOK) // the Auditor role reads the users table at once
	held, err := env.st.HeldRoles(ctx, env.tenant.ID, a.ID)
	if err != nil || len(held) != 2 {
		t.Fatalf("held roles: %+v %v", held, err)
	}
	if a, _ = env.st.Account(ctx, env.tenant.ID, a.ID); a.Status != "active" {
		t.Fatalf("status after accepting: %s", a.Status)
	}
	// The link works once.
	again := env.client().get(link)
	wantStatus(t, again, http.StatusGone)
	if n, _ := env.st.AuditCount(ctx, "user.invitation.accept"); n != 1 {
		t.Fatalf("accept events: %d", n)
	}
	// And the invitation left the list.
	if admin.get("/invitations").doc.Find("tbody tr").Length() != 0 {
		t.Fatal("accepted invitation still listed")
	}
}

func TestInvitationResendRevokeAndExpiry(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	clock := &fixedClock{t: time.Now()}
	env.h.SetClock(clock.now)
	env.st.SetClock(clock.now)
	admin := env.signedIn(env.admin.Email)
	invite := func(email string) store.Account {
		t.Helper()
		res := admin.post("/users/invite", url.Values{"email": {email}, "first_name": {"Ann"}, "last_name": {"Lee"},
			"user_type": {"standard"}, "language": {"en"}}, htmx("sidebar")...)
		wantStatus(t, res, http.StatusOK)
		a, err := env.st.AccountByEmail(context.Background(), env.tenant.ID, email)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	ann := invite("ann@example.org")
	_, text := env.mailTo("ann@example.org")
	first := env.path(env.linkIn(text, "/invite/"))

	res := admin.post("/invitations/"+id(ann)+"/resend", nil, htmx("invitations")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, "previous one no longer works") {
		t.Fatalf("resend notice:\n%s", snippet(res.body))
	}
	_, text = env.mailTo("ann@example.org")
	second := env.path(env.linkIn(text, "/invite/"))
	if first == second {
		t.Fatal("resend mailed the same link")
	}
	wantStatus(t, env.client().get(first), http.StatusGone)
	wantStatus(t, env.client().get(second), http.StatusOK)

	// Seven days later the link has expired; the list says so.
	clock.t = clock.t.Add(7*24*time.Hour + time.Minute)
	wantStatus(t, env.client().get(second), http.StatusGone)
	if !strings.Contains(admin.get("/invitations").doc.Find("tbody").Text(), "Expired") {
		t.Fatal("expired invitation not marked")
	}

	// Revoking deletes the pending account.
	res = admin.post("/invitations/"+id(ann)+"/revoke", nil, htmx("invitations")...)
	wantStatus(t, res, http.StatusOK)
	if _, err := env.st.Account(context.Background(), env.tenant.ID, ann.ID); err == nil {
		t.Fatal("revoked invitation's account still exists")
	}
	// Another tenant's id, a non-pending account: refused, nothing changed.
	other, roles := env.newTenant("Globex", "globex")
	stranger := env.userIn(other.ID, roles, "x@globex.test", "standard", "pending")
	wantStatus(t, admin.post("/invitations/"+id(stranger)+"/revoke", nil, htmx("invitations")...), http.StatusNotFound)
	res = admin.post("/invitations/"+id(env.admin)+"/revoke", nil, htmx("invitations")...)
	wantStatus(t, res, http.StatusConflict)
	if _, err := env.st.Account(context.Background(), env.tenant.ID, env.admin.ID); err != nil {
		t.Fatal("an active account was deleted")
	}
}

func TestInviteBadInput(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	manager := env.user("um@acme.test", "standard", "active", "user_manager")
	_ = manager
	admin := env.signedIn(env.admin.Email)
	base := url.Values{"email": {"new@example.org"}, "first_name": {"New"}, "last_name": {"Person"}, "user_type": {"standard"}, "language": {"en"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for key, vals := range base {
			f[key] = vals
		}
		f.Set(k, v)
		return f
	}
	other, otherRoles := env.newTenant("Globex", "globex")
	_ = other
	cases := map[string]struct {
		form  url.Values
		field string
	}{
		"empty email":         {with("email", ""), "email"},
		"bad email":           {with("email", "not-an-email"), "email"},
		"too long name":       {with("first_name", strings.Repeat("x", 101)), "first_name"},
		"duplicate email":     {with("email", env.admin.Email), "email"},
		"bad contact email":   {with("contact_email", "nope"), "contact_email"},
		"other tenant's role": {with("role", id64(otherRoles["auditor"])), "roles"},
		"non-numeric group":   {with("group", "abc"), "groups"},
		"unknown group":       {with("group", "999999"), "groups"},
		"bad user type":       {with("user_type", "root"), "user_type"},
		"bad language":        {with("language", "de"), "language"},
	}
	for name, tc := range cases {
		res := admin.post("/users/invite", tc.form, htmx("sidebar")...)
		if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find("#"+tc.field+"-error").Length() == 0 {
			t.Errorf("%s: status %d, no error on %s\n%s", name, res.StatusCode, tc.field, snippet(res.body))
		}
	}
	// A user manager cannot invite an Admin, nor hand out Tenant Administrator.
	um := env.signedIn("um@acme.test")
	res := um.post("/users/invite", with("user_type", "admin"), htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	res = um.post("/users/invite", with("role", id64(env.roles["tenant_admin"])), htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	// Missing CSRF token.
	res = admin.post("/users/invite", with("_csrf", "forged"), htmx("sidebar")...)
	wantStatus(t, res, http.StatusForbidden)
	if _, err := env.st.AccountByEmail(context.Background(), env.tenant.ID, "new@example.org"); err == nil {
		t.Fatal("a refused invitation created an account")
	}
	if env.deliver() != 0 {
		t.Fatal("a refused invitation sent email")
	}
}

func id64(n int64) string { return strconv.FormatInt(n, 10) }
