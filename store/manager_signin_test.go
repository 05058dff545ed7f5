package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/store"
)

// TestLastManagerCountsOnlyWhoCanSignIn: an SSO admin of a tenant without a
// single sign-on connection (so it cannot sign in) and a password admin
// without a password do not keep a tenant managed, so the last Admin who can
// sign in cannot be deactivated, demoted or stripped of roles while they are
// the only other "managers". TestLastManagerSSOConnection has the SSO side.
func TestLastManagerCountsOnlyWhoCanSignIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	adm := mustCreate(t, st, tn.ID, person("adm", "admin", "active"))
	sso := person("sso", "admin", "active", roles["tenant_admin"])
	sso.AuthMethod, sso.PasswordHash = "sso", ""
	mustCreate(t, st, tn.ID, sso)
	nopw := person("nopw", "standard", "active", roles["user_manager"])
	nopw.PasswordHash = ""
	mustCreate(t, st, tn.ID, nopw)
	by := actor(tn.ID)

	if _, err := st.SetStatus(ctx, by, adm.ID, "deactivated"); !errors.Is(err, store.ErrLastManager) {
		t.Fatalf("deactivate the only Admin who can sign in: %v, want ErrLastManager", err)
	}
	p := profileOf(adm)
	p.UserType = "standard"
	if _, err := st.UpdateProfile(ctx, by, adm.ID, p); !errors.Is(err, store.ErrLastManager) {
		t.Fatalf("demote the only Admin who can sign in: %v, want ErrLastManager", err)
	}
	if got, _ := st.Account(ctx, tn.ID, adm.ID); got.Status != "active" || got.UserType != "admin" {
		t.Fatalf("a refused change altered the account: %+v", got)
	}

	// A second Admin with a password lets the first go.
	mustCreate(t, st, tn.ID, person("adm2", "admin", "active"))
	if _, err := st.SetStatus(ctx, by, adm.ID, "deactivated"); err != nil {
		t.Fatalf("deactivate with another Admin who can sign in: %v", err)
	}
}
