package store_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/store"
)

// TestPasswordChangesEndSessions: one's own change keeps this session and ends
// the others; a temporary password ends them all and forces a change; SSO
// accounts and other tenants' accounts have no password to set.
func TestPasswordChangesEndSessions(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	tn, _ := newTenant(t, st, "acme", 0)
	other, _ := newTenant(t, st, "other", 0)
	a := mustCreate(t, st, tn.ID, person("ann", "standard", "active"))
	sso := person("sam", "standard", "active")
	sso.AuthMethod = "sso"
	s := mustCreate(t, st, tn.ID, sso)
	for _, h := range []string{"h1", "h2", "h3"} {
		if err := st.CreateSession(ctx, h, a.ID, "{}"); err != nil {
			t.Fatal(err)
		}
	}
	self := store.Actor{TenantID: tn.ID, AccountID: a.ID}
	ended, err := st.ChangePassword(ctx, self, "hash-1", "h2")
	if err != nil || ended != 2 {
		t.Fatalf("ChangePassword ended %d sessions, err %v; want 2", ended, err)
	}
	list, err := st.AccountSessions(ctx, tn.ID, a.ID)
	if err != nil || len(list) != 1 || list[0].IDHash != "h2" {
		t.Fatalf("sessions after change = %+v, %v; want only h2", list, err)
	}
	if list, _ := st.AccountSessions(ctx, other.ID, a.ID); len(list) != 0 {
		t.Errorf("another tenant lists %d of the account's sessions", len(list))
	}
	admin := store.Actor{TenantID: tn.ID, AccountID: 999}
	if err := st.SetTemporaryPassword(ctx, admin, a.ID, "hash-2"); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Account(ctx, tn.ID, a.ID)
	if !got.MustChangePassword || got.PasswordHash != "hash-2" {
		t.Errorf("after a temporary password: must change %v, hash %q", got.MustChangePassword, got.PasswordHash)
	}
	if n, _ := st.SessionCount(ctx, a.ID); n != 0 {
		t.Errorf("%d sessions left after a temporary password, want 0", n)
	}
	wantErr(t, st.SetTemporaryPassword(ctx, admin, s.ID, "hash"), store.ErrNotFound)
	wantErr(t, st.SetTemporaryPassword(ctx, store.Actor{TenantID: other.ID}, a.ID, "hash"), store.ErrNotFound)
	if _, err := st.ChangePassword(ctx, self, "hash-3", ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Account(ctx, tn.ID, a.ID); got.MustChangePassword {
		t.Error("changing one's password left the forced change set")
	}
	if n, _ := st.AuditCount(ctx, "user.password_temporary"); n != 1 {
		t.Errorf("%d temporary-password events, want 1", n)
	}
}

// TestAvatarScopedByTenant: a key finds its picture only in its own tenant.
func TestAvatarScopedByTenant(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	ctx := context.Background()
	tn, _ := newTenant(t, st, "acme", 0)
	other, _ := newTenant(t, st, "other", 0)
	a := mustCreate(t, st, tn.ID, person("ann", "standard", "active"))
	by := store.Actor{TenantID: tn.ID, AccountID: a.ID}
	k1, err := st.SetAvatar(ctx, by, []byte("png-1"))
	if err != nil {
		t.Fatal(err)
	}
	k2, err := st.SetAvatar(ctx, by, []byte("png-2"))
	if err != nil || k1 == k2 || len(k2) != 32 {
		t.Fatalf("second upload key %q (first %q), err %v: want a new 128-bit key", k2, k1, err)
	}
	if _, err := st.Avatar(ctx, tn.ID, k1); err == nil {
		t.Error("the replaced avatar's key still answers")
	}
	if png, err := st.Avatar(ctx, tn.ID, k2); err != nil || string(png) != "png-2" {
		t.Errorf("Avatar = %q, %v", png, err)
	}
	_, err = st.Avatar(ctx, other.ID, k2)
	wantErr(t, err, store.ErrNotFound)
	if err := st.RemoveAvatar(ctx, by); err != nil {
		t.Fatal(err)
	}
	if key, err := st.AvatarKey(ctx, tn.ID, a.ID); key != "" || err != nil {
		t.Errorf("after removal AvatarKey = %q, %v", key, err)
	}
}
