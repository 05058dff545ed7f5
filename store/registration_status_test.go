package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/store"
)

// TestActivateUnconfirmedRegistration: a self-registration keeps no password
// and, until its owner confirms, an administrator cannot activate it.
func TestActivateUnconfirmedRegistration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, _ := newTenant(t, st, "acme", 0)
	mustCreate(t, st, tn.ID, person("adm", "admin", "active"))
	n := person("reg", "standard", "")
	n.PasswordHash = "typed by whoever registered"
	a, err := st.Register(ctx, tn.ID, n, "198.51.100.7", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.PasswordHash != "" {
		t.Fatalf("a registration kept the password it was given")
	}
	if _, err := st.SetStatus(ctx, actor(tn.ID), a.ID, "active"); !errors.Is(err, store.ErrUnconfirmed) {
		t.Fatalf("activate an unconfirmed registration: %v, want ErrUnconfirmed", err)
	}
	if got, _ := st.Account(ctx, tn.ID, a.ID); got.Status != "pending" {
		t.Fatalf("status %s", got.Status)
	}
	// Deactivating it is fine: nothing is handed to anyone.
	if _, err := st.SetStatus(ctx, actor(tn.ID), a.ID, "deactivated"); err != nil {
		t.Fatal(err)
	}
}
