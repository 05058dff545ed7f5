package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// runAdminCommand runs `console admin` with args and returns what it printed.
func runAdminCommand(t *testing.T, args ...string) (string, error) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	err = admin(context.Background(), args)
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	return string(out), err
}

// TestAdminWayBackAfterSSO: a tenant whose only Admin signs in through a
// provider that is gone gets a password Admin from `console admin`, who can
// sign in and then disable the connection; naming the SSO Admin's address
// instead is refused plainly and gives it no password.
func TestAdminWayBackAfterSSO(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tn, err := st.CreateTenant(ctx, "Acme", "acme", 0, auth.BuiltinRoles())
	if err != nil {
		t.Fatal(err)
	}
	by := store.Actor{TenantID: tn.ID, IP: "test"}
	sso, err := st.CreateAccount(ctx, by, store.NewAccount{Profile: store.Profile{FirstName: "Sam", LastName: "Sso",
		Email: "sam@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "admin"},
		Login: "sam", Status: "active", AuthMethod: "sso"})
	if err != nil {
		t.Fatal(err)
	}
	conn := store.SSOConnection{DisplayName: "Acme ID", Issuer: "https://id.acme.test", ClientID: "console",
		Scopes: []string{"openid", "email"}, Claim: "email", Domains: []string{"acme.test"}, Enabled: true}
	if err := st.SaveSSO(ctx, by, conn, false); err != nil {
		t.Fatal(err)
	}
	off := conn
	off.Enabled = false
	if err := st.SaveSSO(ctx, by, off, false); err == nil {
		t.Fatal("the connection of the only Admin was disabled")
	}

	out, err := runAdminCommand(t, "--db", db, "--email", "sam@acme.test", "--tenant", "acme")
	if err == nil || !strings.Contains(err.Error(), "signs in with single sign-on") || strings.Contains(out, "password:") {
		t.Fatalf("admin on the SSO Admin's address: %q, %v", out, err)
	}
	if a, _ := st.Account(ctx, tn.ID, sso.ID); a.PasswordHash != "" {
		t.Fatal("the SSO Admin was given a password")
	}

	out, err = runAdminCommand(t, "--db", db, "--email", "ops@acme.test", "--tenant", "acme")
	if err != nil {
		t.Fatal(err)
	}
	_, password, ok := strings.Cut(strings.TrimSpace(out), "with password: ")
	if !ok || password == "" {
		t.Fatalf("printed %q", out)
	}
	ops, err := st.AccountByEmail(ctx, tn.ID, "ops@acme.test")
	if err != nil || ops.UserType != "admin" || ops.Status != "active" || ops.AuthMethod != "password" {
		t.Fatalf("created %+v, %v", ops, err)
	}
	if ok, err := auth.NewHasher(time.Minute).Verify(ctx, ops.PasswordHash, password); !ok || err != nil {
		t.Fatalf("the printed password does not sign in: %v", err)
	}
	// With a password Admin, the connection of a gone provider may be disabled.
	if err := st.SaveSSO(ctx, by, off, false); err != nil {
		t.Fatalf("disable the connection beside the new password Admin: %v", err)
	}
}
