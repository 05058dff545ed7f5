package store_test

import (
	"context"
	"errors"
	"slices"
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

// TestListUsersBySignInMethod: the users table's sign-in filter keeps only
// SSO (or password) people, home people and members pushed down alike, with
// a search, and pages forwards and back in the same order.
func TestListUsersBySignInMethod(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	sp, spRoles := newTenant(t, st, "sp", 0)
	cust, cRoles := newTenant(t, st, "cust", sp.ID)
	mustCreate(t, st, sp.ID, person("boss", "admin", "active"))
	sso := func(n store.NewAccount) store.NewAccount {
		n.AuthMethod, n.PasswordHash = "sso", ""
		return n
	}
	for _, n := range []store.NewAccount{
		sso(person("ann", "standard", "active", cRoles["member"])), person("bea", "standard", "active", cRoles["member"]),
		sso(person("cyd", "standard", "active", cRoles["member"])), person("dan", "standard", "active", cRoles["member"]),
		sso(person("eli", "admin", "active")), person("fay", "admin", "active"),
	} {
		mustCreate(t, st, cust.ID, n)
	}
	for _, n := range []store.NewAccount{sso(person("gus", "standard", "active", spRoles["auditor"])),
		person("hal", "standard", "active", spRoles["auditor"])} {
		a := mustCreate(t, st, sp.ID, n)
		if _, err := st.SetMemberRoles(ctx, actor(cust.ID), a.ID, []int64{cRoles["member"]}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		f    store.UserFilter
		want []string
	}{
		{store.UserFilter{AuthMethod: "sso"}, []string{"ann", "cyd", "eli", "gus"}},
		{store.UserFilter{AuthMethod: "password"}, []string{"bea", "dan", "fay", "hal"}},
		{store.UserFilter{AuthMethod: "sso", Sort: "email", Desc: true}, []string{"gus", "eli", "cyd", "ann"}},
		{store.UserFilter{AuthMethod: "sso", Sort: "last_active"}, []string{"ann", "cyd", "eli", "gus"}},
		{store.UserFilter{AuthMethod: "sso", Query: "tester"}, []string{"ann", "cyd", "eli", "gus"}},
		{store.UserFilter{AuthMethod: "password", Query: "hal"}, []string{"hal"}},
		{store.UserFilter{AuthMethod: "sso", Query: "hal"}, nil},
		{store.UserFilter{AuthMethod: "sso", UserType: "admin"}, []string{"eli"}},
	} {
		f := tt.f
		f.Limit = 1
		fwd, back := pages(t, st, cust.ID, f)
		got := slices.Clone(fwd)
		if tt.f.Sort == "last_active" { // all equal (never active): the id breaks ties
			slices.Sort(got)
		}
		if !slices.Equal(got, tt.want) || !slices.Equal(back, fwd) {
			t.Errorf("%+v: forward %v back %v, want %v", tt.f, fwd, back, tt.want)
		}
	}
}
