package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/store"
)

// TestLastManagerSSOConnection: an SSO Admin counts as a manager only while
// its tenant's connection is enabled. Without a connection, or with it
// disabled, the password Admin is the last manager; with it enabled, the
// password Admin may go; then disabling or removing the connection, which
// would leave only SSO managers, is refused and changes nothing.
func TestLastManagerSSOConnection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	adm := mustCreate(t, st, tn.ID, person("adm", "admin", "active"))
	sso := person("sso", "admin", "active")
	sso.AuthMethod, sso.PasswordHash = "sso", ""
	mustCreate(t, st, tn.ID, sso)
	// A user manager through SSO counts the same way.
	mgr := person("mgr", "standard", "active", roles["user_manager"])
	mgr.AuthMethod, mgr.PasswordHash = "sso", ""
	mustCreate(t, st, tn.ID, mgr)
	by := actor(tn.ID)
	conn := store.SSOConnection{DisplayName: "Acme ID", Issuer: "https://id.acme.test", ClientID: "console",
		Secret: "sealed", Scopes: []string{"openid", "email"}, Claim: "email", Domains: []string{"example.test"}}
	deactivate := func() error {
		_, err := st.SetStatus(ctx, by, adm.ID, "deactivated")
		return err
	}
	status := func() string {
		a, err := st.Account(ctx, tn.ID, adm.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a.Status
	}

	if err := deactivate(); !errors.Is(err, store.ErrLastManager) {
		t.Fatalf("no connection: deactivate the password Admin: %v, want ErrLastManager", err)
	}
	conn.Enabled = false
	if err := st.SaveSSO(ctx, by, conn, false); err != nil {
		t.Fatal(err)
	}
	if err := deactivate(); !errors.Is(err, store.ErrLastManager) {
		t.Fatalf("connection disabled: deactivate the password Admin: %v, want ErrLastManager", err)
	}
	conn.Enabled = true
	if err := st.SaveSSO(ctx, by, conn, false); err != nil {
		t.Fatal(err)
	}
	if err := deactivate(); err != nil {
		t.Fatalf("connection enabled: deactivate the password Admin beside an SSO Admin: %v", err)
	}
	if status() != "deactivated" {
		t.Fatal("not deactivated")
	}

	// Now only SSO people manage users: the connection stays.
	off := conn
	off.Enabled = false
	off.DisplayName = "Renamed while disabling"
	if err := st.SaveSSO(ctx, by, off, false); !errors.Is(err, store.ErrLastManager) {
		t.Fatalf("disable the connection of the only managers: %v, want ErrLastManager", err)
	}
	if err := st.RemoveSSO(ctx, by); !errors.Is(err, store.ErrLastManager) {
		t.Fatalf("remove the connection of the only managers: %v, want ErrLastManager", err)
	}
	got, err := st.SSOConnection(ctx, tn.ID)
	if err != nil || !got.Enabled || got.DisplayName != "Acme ID" || len(got.Domains) != 1 {
		t.Fatalf("a refused change altered the connection: %+v %v", got, err)
	}
	if _, err := st.SSOByDomain(ctx, "example.test"); err != nil {
		t.Fatalf("the domain no longer routes after a refusal: %v", err)
	}
	ev, err := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: string(store.ActionSSORemove)})
	if err != nil || len(ev) != 0 {
		t.Fatalf("a refused removal was audited: %v %v", ev, err)
	}

	// Changing other settings of an enabled connection is not disabling it.
	conn.DisplayName = "Acme Identity"
	if err := st.SaveSSO(ctx, by, conn, true); err != nil {
		t.Fatalf("rename the enabled connection: %v", err)
	}

	// With a password Admin back, the connection may go.
	if _, err := st.SetStatus(ctx, by, adm.ID, "active"); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSSO(ctx, by, off, false); err != nil {
		t.Fatalf("disable the connection beside a password Admin: %v", err)
	}
	if err := st.RemoveSSO(ctx, by); err != nil {
		t.Fatalf("remove the connection beside a password Admin: %v", err)
	}
}
