package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/console-dev/console/store"
)

func TestCreateUser(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
