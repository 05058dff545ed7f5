package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestKeyAuthPermissions: the one query that authenticates a key finds the
// same permissions as RolePermissions: direct roles, roles through groups,
// and every module for an Admin.
func TestKeyAuthPermissions(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	tn, roles := newTenant(t, st, "acme", 0)
	by := store.Actor{TenantID: tn.ID}
	if _, err := st.CreateModule(ctx, by, "billing", "Billing", ""); err != nil {
		t.Fatal(err)
	}
	g, err := st.CreateGroup(ctx, by, "Auditors", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetGroupRoles(ctx, by, g.ID, []int64{roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	svc, err := st.CreateServiceAccount(ctx, by, store.NewServiceAccount{Name: "Sync", RoleIDs: []int64{roles["member"]},
		GroupIDs: []int64{g.ID}})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := st.CreateAccount(ctx, by, person("boss", "admin", "active"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []store.Account{svc.Account, admin} {
		k, err := st.CreateAPIKey(ctx, by, store.NewAPIKey{AccountID: a.ID, PublicID: "pub" + a.Login, SecretHash: "h", Name: "k"})
		if err != nil {
			t.Fatal(err)
		}
		h, err := st.KeyAuth(ctx, k.PublicID)
		if err != nil {
			t.Fatal(err)
		}
		want, err := st.RolePermissions(ctx, tn.ID, a.ID, a.UserType == "admin")
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(h.Permissions)
		if !slices.Equal(h.Permissions, want) || h.Account.ID != a.ID || h.SecretHash != "h" {
			t.Errorf("%s: KeyAuth permissions %v, RolePermissions %v", a.Login, h.Permissions, want)
		}
	}
	if _, err := st.KeyAuth(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown key: %v", err)
	}
}

// TestAPIKeyLifecycle: a key is listed only for its account in its tenant,
// revoking is audited once, another tenant revokes nothing, and expiry counts.
func TestAPIKeyLifecycle(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	tn, _ := newTenant(t, st, "acme", 0)
	other, _ := newTenant(t, st, "other", 0)
	a, err := st.CreateAccount(ctx, store.Actor{TenantID: tn.ID}, person("ann", "standard", "active"))
	if err != nil {
		t.Fatal(err)
	}
	by := store.Actor{TenantID: tn.ID, AccountID: a.ID}
	exp := time.Unix(2_000_000_000, 0).UTC()
	k, err := st.CreateAPIKey(ctx, by, store.NewAPIKey{AccountID: a.ID, PublicID: "p1", SecretHash: "h", Name: "ci", ExpiresAt: exp})
	if err != nil {
		t.Fatal(err)
	}
	if k.KeyStatus(exp.Add(-time.Second)) != "active" || k.KeyStatus(exp) != "expired" {
		t.Fatal("expiry")
	}
	if _, err := st.CreateAPIKey(ctx, store.Actor{TenantID: other.ID}, store.NewAPIKey{AccountID: a.ID, PublicID: "p2", SecretHash: "h", Name: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another tenant made a key for ann: %v", err)
	}
	if _, err := st.RevokeAPIKey(ctx, store.Actor{TenantID: other.ID}, a.ID, k.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another tenant revoked: %v", err)
	}
	if keys, _ := st.APIKeys(ctx, other.ID, a.ID); len(keys) != 0 {
		t.Fatal("another tenant lists ann's keys")
	}
	for range 2 {
		if k, err = st.RevokeAPIKey(ctx, by, a.ID, k.ID); err != nil || k.KeyStatus(time.Now()) != "revoked" {
			t.Fatalf("revoke: %v %v", k, err)
		}
	}
	if n, _ := st.AuditCount(ctx, "apikey.revoke"); n != 1 {
		t.Fatalf("%d revoke events, want 1", n)
	}
	ev, err := st.AuditEvents(ctx, tn.ID, store.AuditFilter{Action: "apikey.create"})
	if err != nil || len(ev) != 1 || ev[0].Details["prefix"] != "p1" {
		t.Fatalf("create event %v %v", ev, err)
	}
	for _, v := range ev[0].Details {
		if v == "h" {
			t.Fatal("the secret's hash is in the audit trail")
		}
	}
}
