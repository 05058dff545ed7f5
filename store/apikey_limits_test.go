package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPIKeyCap: past MaxActive active keys the account gets no more, with
// ErrTooManyKeys; revoked and expired keys do not count.
func TestAPIKeyCap(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	now := time.Unix(1_800_000_000, 0)
	st.SetClock(func() time.Time { return now })
	tn, _ := newTenant(t, st, "acme", 0)
	by := store.Actor{TenantID: tn.ID}
	a, err := st.CreateAccount(ctx, by, person("ann", "standard", "active"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	create := func(expires time.Time) (store.APIKey, error) {
		n++
		return st.CreateAPIKey(ctx, by, store.NewAPIKey{AccountID: a.ID, PublicID: fmt.Sprint("cap", n), SecretHash: "h",
			Name: "k", ExpiresAt: expires, MaxActive: 3})
	}
	first, err := create(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := create(now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := create(time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := create(time.Time{}); !errors.Is(err, store.ErrTooManyKeys) {
		t.Fatalf("fourth key: %v, want ErrTooManyKeys", err)
	}
	if _, err := st.RevokeAPIKey(ctx, by, a.ID, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := create(time.Time{}); err != nil {
		t.Fatalf("after a revoke: %v", err)
	}
	now = now.Add(2 * time.Hour) // the second key has expired
	if _, err := create(time.Time{}); err != nil {
		t.Fatalf("after an expiry: %v", err)
	}
	keys, _ := st.APIKeys(ctx, tn.ID, a.ID)
	if len(keys) != 5 {
		t.Fatalf("%d keys stored, want 5 (nothing half-written)", len(keys))
	}
}

// TestAPIKeyCeiling: a key's ceiling is stored and comes back from APIKeys
// and KeyAuth; a key without one has none (nil), and an empty ceiling stays
// a ceiling (of nothing).
func TestAPIKeyCeiling(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	tn, _ := newTenant(t, st, "acme", 0)
	by := store.Actor{TenantID: tn.ID}
	a, err := st.CreateAccount(ctx, by, person("ann", "standard", "active"))
	if err != nil {
		t.Fatal(err)
	}
	for i, ceiling := range [][]string{nil, {"users.view", "apikeys.manage"}, {}} {
		k, err := st.CreateAPIKey(ctx, by, store.NewAPIKey{AccountID: a.ID, PublicID: fmt.Sprint("ceil", i), SecretHash: "h",
			Name: "k", Ceiling: ceiling})
		if err != nil {
			t.Fatal(err)
		}
		h, err := st.KeyAuth(ctx, k.PublicID)
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(ceiling)
		slices.Sort(want)
		for name, got := range map[string][]string{"created": k.Ceiling, "KeyAuth": h.Key.Ceiling} {
			if (got == nil) != (ceiling == nil) || !slices.Equal(got, want) {
				t.Fatalf("ceiling %v: %s gives %#v", ceiling, name, got)
			}
		}
	}
	keys, _ := st.APIKeys(ctx, tn.ID, a.ID)
	if keys[2].Ceiling != nil || !slices.Equal(keys[1].Ceiling, []string{"apikeys.manage", "users.view"}) || keys[0].Ceiling == nil {
		t.Fatalf("APIKeys ceilings: %#v %#v %#v", keys[0].Ceiling, keys[1].Ceiling, keys[2].Ceiling)
	}
}
