package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

func TestAccountOfAnotherTenantIsNotFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	a, _ := newTenant(t, st, "alpha", 0)
	b, _ := newTenant(t, st, "beta", 0)
	child, _ := newTenant(t, st, "alpha-child", a.ID)
	acc := mustCreate(t, st, a.ID, person("ann", "admin", "active"))

	if got, err := st.Account(ctx, a.ID, acc.ID); err != nil || got.Login != "ann" {
		t.Fatalf("Account in own tenant = %+v, %v", got, err)
	}
	for _, tenantID := range []int64{b.ID, child.ID} {
		_, err := st.Account(ctx, tenantID, acc.ID)
		wantErr(t, err, store.ErrNotFound)
		_, err = st.AccountByEmail(ctx, tenantID, "ann@example.test")
		wantErr(t, err, store.ErrNotFound)
	}
}

// Writes through another tenant's actor must neither succeed nor change anything.
func TestWritesToAnotherTenantsAccountAreRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	a, aRoles := newTenant(t, st, "alpha", 0)
	b, bRoles := newTenant(t, st, "beta", 0)
	mustCreate(t, st, b.ID, person("bob", "admin", "active"))
	victim := mustCreate(t, st, a.ID, person("ann", "standard", "active", aRoles["user_manager"]))
	mustCreate(t, st, a.ID, person("adam", "admin", "active"))

	intruder := actor(b.ID)
	_, err := st.UpdateProfile(ctx, intruder, victim.ID, store.Profile{FirstName: "Hacked", LastName: "X",
		Email: "hacked@example.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "admin"})
	wantErr(t, err, store.ErrNotFound)
	_, err = st.SetStatus(ctx, intruder, victim.ID, "deactivated")
	wantErr(t, err, store.ErrNotFound)
	err = st.SetRoles(ctx, intruder, victim.ID, []int64{bRoles["member"]})
	wantErr(t, err, store.ErrNotFound)

	got, err := st.Account(ctx, a.ID, victim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FirstName != victim.FirstName || got.Email != victim.Email || got.Status != "active" || got.UserType != "standard" {
		t.Errorf("victim changed: %+v", got)
	}
	if ids := roleIDsOf(t, st, a.ID, victim.ID); !slices.Equal(ids, []int64{aRoles["user_manager"]}) {
		t.Errorf("victim roles = %v", ids)
	}
}
