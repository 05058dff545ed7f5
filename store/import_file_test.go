package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// Uploads in a loop cannot fill the disk: a person keeps their last three
// files, a tenant its last twenty; the file just uploaded is always there,
// and one person's uploads never drop another tenant's.
func TestImportFilesAreBounded(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	tn, _ := newTenant(t, st, "acme", 0)
	other, _ := newTenant(t, st, "other", 0)
	clock := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return clock })
	save := func(tenantID, accountID int64) string {
		t.Helper()
		clock = clock.Add(time.Second)
		f, err := st.SaveImportFile(ctx, store.Actor{TenantID: tenantID, AccountID: accountID}, "p.csv", []byte("login\nada\n"))
		if err != nil {
			t.Fatal(err)
		}
		return f.Key
	}
	kept := func(tenantID, accountID int64, key string) bool {
		t.Helper()
		_, err := st.ImportFileOf(ctx, tenantID, accountID, key)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}
	outsider := mustCreate(t, st, other.ID, person("outsider", "standard", "active"))
	theirs := save(other.ID, outsider.ID)

	ada := mustCreate(t, st, tn.ID, person("ada", "standard", "active"))
	var keys []string
	for range 5 {
		keys = append(keys, save(tn.ID, ada.ID))
	}
	for i, k := range keys {
		if want := i >= 2; kept(tn.ID, ada.ID, k) != want {
			t.Errorf("ada's upload %d kept: %v, want %v", i+1, !want, want)
		}
	}

	var people []store.Account
	var first []string
	for i := range 21 {
		people = append(people, mustCreate(t, st, tn.ID, person(fmt.Sprintf("p%02d", i), "standard", "active")))
		first = append(first, save(tn.ID, people[i].ID))
	}
	// ada's three and the 21 newcomers': the tenant keeps the newest 20.
	for i, k := range first {
		if want := i >= 1; kept(tn.ID, people[i].ID, k) != want {
			t.Errorf("p%02d's upload kept: %v, want %v", i, !want, want)
		}
	}
	for _, k := range keys[2:] {
		if kept(tn.ID, ada.ID, k) {
			t.Errorf("ada's older uploads outlive twenty newer ones in the tenant")
		}
	}
	if !kept(other.ID, outsider.ID, theirs) {
		t.Fatal("uploads in one tenant dropped another tenant's file")
	}
}
