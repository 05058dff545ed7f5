package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/store"
)

// TestTemporaryPasswordOnlyForActive: the store itself refuses a temporary
// password for a pending or deactivated person, inside the transaction that
// would set it, so a deactivation landing while the password is hashed
// cannot be overtaken.
func TestTemporaryPasswordOnlyForActive(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	tenant, roles := newTenant(t, st, "acme", 0)
	mustCreate(t, st, tenant.ID, person("boss", "admin", "active", roles["tenant_admin"]))
	ctx := context.Background()
	by := store.Actor{TenantID: tenant.ID, AccountID: 999}
	for _, status := range []string{"pending", "deactivated"} {
		a := mustCreate(t, st, tenant.ID, person(status, "standard", status))
		if err := st.SetTemporaryPassword(ctx, by, a.ID, "$argon2id$fake"); !errors.Is(err, store.ErrNotActive) {
			t.Fatalf("%s: err = %v, want ErrNotActive", status, err)
		}
		got, _ := st.Account(ctx, tenant.ID, a.ID)
		if got.MustChangePassword {
			t.Fatalf("%s: a refused temporary password was half-written", status)
		}
	}
	a := mustCreate(t, st, tenant.ID, person("active", "standard", "active"))
	if err := st.SetTemporaryPassword(ctx, by, a.ID, "$argon2id$fake"); err != nil {
		t.Fatalf("active: %v", err)
	}
}
