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

func TestCreatedWithoutPasswordGetsActivationEmail(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	admin := env.signedIn(env.admin.Email)
	res := admin.post("/users", url.Values{"login": {"zoe"}, "first_name": {"Zoé"}, "last_name": {"Martin"},
		"email": {"zoe@acme.test"}, "language": {"fr"}, "time_zone": {"Europe/Paris"}, "currency": {"EUR"},
		"user_type": {"standard"}, "auth_method": {"password"}, "status": {"active"}, "password": {""}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	zoe, err := env.st.AccountByEmail(ctx, env.tenant.ID, "zoe@acme.test")
	if err != nil || zoe.Status != "pending" {
		t.Fatalf("account: %+v %v", zoe, err)
	}
	subject, text := env.mailTo("zoe@acme.test")
	if subject != "Activez votre compte Acme" {
		t.Fatalf("subject %q", subject)
	}
	first := env.path(env.linkIn(text, "/invite/"))

	// The sidebar offers Resend and Delete for her, and no reset.
	side := admin.get("/users/"+id(zoe)+"/edit", htmx("sidebar")...)
	for _, want := range []string{"Resend activation email", "Delete"} {
		if !strings.Contains(side.body, want) {
			t.Fatalf("sidebar lacks %q", want)
		}
	}
	res = admin.post("/users/"+id(zoe)+"/resend", nil, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	_, text = env.mailTo("zoe@acme.test")
	wantStatus(t, env.client().get(first), http.StatusGone)
	second := env.path(env.linkIn(text, "/invite/"))
	zc := env.client()
	wantStatus(t, zc.post(second, url.Values{"password": {"zoé choisit une phrase"}, "confirm": {"zoé choisit une phrase"}}), http.StatusSeeOther)
	if zoe, _ = env.st.Account(ctx, env.tenant.ID, zoe.ID); zoe.Status != "active" {
		t.Fatalf("status %s", zoe.Status)
	}
	// Active now: deleting is refused, the account stays.
	res = admin.post("/users/"+id(zoe)+"/delete", nil, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if _, err := env.st.Account(ctx, env.tenant.ID, zoe.ID); err != nil {
		t.Fatal("an active account was deleted")
	}
}

func TestPendingDeleteAndAdminReset(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	pending := env.user("pending@acme.test", "standard", "pending")
	sso, err := env.st.CreateAccount(ctx, actorFor(env), store.NewAccount{Profile: profileOf(store.Account{Email: "sso@acme.test",
		UserType: "standard"}, "Sam", "Sso"), Login: "sso", Status: "pending", AuthMethod: "sso"})
	if err != nil {
		t.Fatal(err)
	}
	active := env.user("active@acme.test", "standard", "active")
	otherAdmin := env.user("admin2@acme.test", "admin", "active")
	env.user("um@acme.test", "standard", "active", "user_manager")
	admin := env.signedIn(env.admin.Email)

	// SSO: no password actions in the sidebar, and the server refuses them.
	side := admin.get("/users/"+id(sso)+"/edit", htmx("sidebar")...)
	if strings.Contains(side.body, "/delete") || strings.Contains(side.body, "/resend") {
		t.Fatal("password actions offered for an SSO user")
	}
	for _, action := range []string{"/delete", "/resend", "/reset-password"} {
		wantStatus(t, admin.post("/users/"+id(sso)+action, nil, htmx("sidebar")...), http.StatusUnprocessableEntity)
	}
	if _, err := env.st.Account(ctx, env.tenant.ID, sso.ID); err != nil {
		t.Fatal("SSO account deleted")
	}

	res := admin.post("/users/"+id(pending)+"/delete", nil, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, `hx-swap-oob="delete"`) {
		t.Fatalf("row not removed:\n%s", res.body)
	}
	if _, err := env.st.Account(ctx, env.tenant.ID, pending.ID); err == nil {
		t.Fatal("pending account still there")
	}
	if n, _ := env.st.AuditCount(ctx, "user.delete"); n != 1 {
		t.Fatalf("delete events: %d", n)
	}

	// Reset by an administrator: an email, no password shown or chosen.
	res = admin.post("/users/"+id(active)+"/reset-password", nil, htmx("sidebar")...)
	wantStatus(t, res, http.StatusOK)
	subject, text := env.mailTo("active@acme.test")
	if !strings.Contains(subject, "Choose a new password") || !strings.Contains(text, "/password/reset/") {
		t.Fatalf("reset mail: %q", subject)
	}
	// A user manager may not reset an Admin's password, nor edit an Admin's email.
	um := env.signedIn("um@acme.test")
	wantStatus(t, um.post("/users/"+id(otherAdmin)+"/reset-password", nil, htmx("sidebar")...), http.StatusUnprocessableEntity)
	res = um.post("/users/"+id(otherAdmin), url.Values{"first_name": {"Ad"}, "last_name": {"Min"}, "email": {"um@evil.test"},
		"language": {"en"}, "time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"admin"}}, htmx("sidebar")...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if a, _ := env.st.Account(ctx, env.tenant.ID, otherAdmin.ID); a.Email != "admin2@acme.test" {
		t.Fatal("a user manager changed an Admin's email")
	}
	if len(env.smtp.To("admin2@acme.test")) != 0 {
		t.Fatal("reset mail sent for an Admin by a user manager")
	}
}

func TestContactEmailIsVerifiedBeforeUse(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	kim := env.user("kim@acme.test", "standard", "active")
	admin := env.signedIn(env.admin.Email)
	form := url.Values{"first_name": {kim.FirstName}, "last_name": {kim.LastName}, "email": {kim.Email}, "language": {"en"},
		"time_zone": {"UTC"}, "currency": {"USD"}, "user_type": {"standard"}, "contact_email": {"kim@gmail.example"}}
	wantStatus(t, admin.post("/users/"+id(kim), form, htmx("sidebar")...), http.StatusOK)
	kim, _ = env.st.Account(ctx, env.tenant.ID, kim.ID)
	if kim.ContactEmail != "kim@gmail.example" || kim.ContactVerified || kim.NotifyAddress() != "kim@acme.test" {
		t.Fatalf("unverified contact used: %+v", kim)
	}
	_, text := env.mailTo("kim@gmail.example")
	link := env.path(env.linkIn(text, "/contact/verify/"))
	c := env.client()
	// Opening the link changes nothing (mail scanners open links); confirming does.
	wantStatus(t, c.get(link), http.StatusOK)
	if kim, _ = env.st.Account(ctx, env.tenant.ID, kim.ID); kim.ContactVerified {
		t.Fatal("a GET verified the address")
	}
	wantStatus(t, c.post(link, nil), http.StatusOK)
	kim, _ = env.st.Account(ctx, env.tenant.ID, kim.ID)
	if !kim.ContactVerified || kim.NotifyAddress() != "kim@gmail.example" {
		t.Fatalf("not verified: %+v", kim)
	}
	wantStatus(t, c.post(link, nil), http.StatusGone)
	// Changing it again starts over: unverified until confirmed.
	form.Set("contact_email", "kim@other.example")
	wantStatus(t, admin.post("/users/"+id(kim), form, htmx("sidebar")...), http.StatusOK)
	if kim, _ = env.st.Account(ctx, env.tenant.ID, kim.ID); kim.ContactVerified {
		t.Fatal("a new contact address counts as verified")
	}
	form.Set("contact_email", "not an email")
	res := admin.post("/users/"+id(kim), form, htmx("sidebar")...)
	if res.StatusCode != http.StatusUnprocessableEntity || res.doc.Find("#contact_email-error").Length() == 0 {
		t.Fatalf("bad contact email: %d", res.StatusCode)
	}
}

func TestMailPageWithoutSMTP(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	env.user("um@acme.test", "standard", "active", "user_manager")
	keeper := env.user("keeper@acme.test", "standard", "active")
	ctx := context.Background()
	rid, err := env.st.CreateRole(ctx, actorFor(env), store.RoleSpec{Name: "Settings keeper", Permissions: []string{"tenant.settings", "users.view"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetRoles(ctx, actorFor(env), keeper.ID, []int64{rid}); err != nil {
		t.Fatal(err)
	}
	admin := env.signedIn(env.admin.Email)
	admin.get("/users/invite")
	wantStatus(t, admin.post("/users/invite", url.Values{"email": {"ivy@example.org"}, "first_name": {"Ivy"},
		"last_name": {"Stone"}, "user_type": {"standard"}, "language": {"en"}}), http.StatusSeeOther)
	list := admin.get("/mail")
	wantStatus(t, list, http.StatusOK)
	if !strings.Contains(list.body, "No SMTP server is configured") || list.doc.Find("tbody tr").Length() != 1 {
		t.Fatalf("mail page:\n%s", snippet(list.body))
	}
	href, _ := list.doc.Find("tbody tr a").Attr("href")
	show := admin.get(href)
	wantStatus(t, show, http.StatusOK)
	link, _ := show.doc.Find(".mail-links a").Attr("href")
	if !strings.HasPrefix(link, env.srv.URL+"/invite/") {
		t.Fatalf("no invitation link on the mail page:\n%s", snippet(show.body))
	}
	// Emails carry live links: someone with tenant.settings who is not an
	// Admin sees the list but not the bodies.
	k := env.signedIn("keeper@acme.test")
	wantStatus(t, k.get("/mail"), http.StatusOK)
	wantStatus(t, k.get(href), http.StatusForbidden)
	wantStatus(t, env.signedIn("um@acme.test").get("/mail"), http.StatusForbidden)
}

func TestDeliveryRetriesThenFails(t *testing.T) {
	t.Parallel()
	env := newMailEnv(t)
	ctx := context.Background()
	clock := &fixedClock{t: env.h.now()}
	env.mailer.SetClock(clock.now)
	env.st.SetClock(clock.now)
	if err := env.st.Enqueue(ctx, nil, store.Mail{TenantID: env.tenant.ID, Kind: "test", To: "r@acme.test", Subject: "Hi",
		Text: "hello", HTML: "<p>hello</p>"}); err != nil {
		t.Fatal(err)
	}
	env.smtp.Refuse(true)
	for i := 1; i <= 8; i++ {
		if n := env.deliver(); n != 0 {
			t.Fatalf("attempt %d delivered", i)
		}
		m, _ := env.st.Outbox(ctx, env.tenant.ID, 0, 1)
		want := "queued"
		if i == 8 {
			want = "failed"
		}
		if m[0].Status != want || m[0].Attempts != i || !strings.Contains(m[0].LastError, "try again later") {
			t.Fatalf("after attempt %d: %+v", i, m[0])
		}
		if env.deliver() != 0 { // not due again before its backoff
			t.Fatal("retried before its time")
		}
		clock.t = clock.t.Add(time.Hour)
	}
	env.smtp.Refuse(false)
	if env.deliver() != 0 {
		t.Fatal("a failed email was retried")
	}
	// A new one goes through.
	if err := env.st.Enqueue(ctx, nil, store.Mail{TenantID: env.tenant.ID, Kind: "test", To: "s@acme.test", Subject: "Hé",
		Text: "héllo", HTML: "<p>héllo</p>"}); err != nil {
		t.Fatal(err)
	}
	if env.deliver() != 1 || len(env.smtp.To("s@acme.test")) != 1 || env.smtp.To("s@acme.test")[0].Subject != "Hé" {
		t.Fatal("delivery after failures")
	}
}
