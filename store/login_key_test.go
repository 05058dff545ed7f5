package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOpenFoldsOldLoginKeys: logins made before login_key existed got the
// migration's ASCII-only lower(); opening the store folds the others, so
// "ÉMILE" is found as "émile" by the provider.
func TestOpenFoldsOldLoginKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	tn, err := st.CreateTenant(ctx, "Acme", "acme", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.CreateAccount(ctx, Actor{TenantID: tn.ID}, NewAccount{Profile: Profile{FirstName: "É", LastName: "M",
		Email: "e@acme.test", Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
		Login: "ÉMILE", Status: "active", AuthMethod: "sso"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.w.ExecContext(ctx, `UPDATE accounts SET login_key = lower(login) WHERE id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var key string
	if err := st.r.QueryRowContext(ctx, `SELECT login_key FROM accounts WHERE id = ?`, a.ID).Scan(&key); err != nil || key != "émile" {
		t.Fatalf("login_key %q after a start, want émile (%v)", key, err)
	}
}
