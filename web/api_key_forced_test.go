package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// TestAPIKeyRefusedWhilePasswordForced: an administrator set a temporary
// password because something was wrong; the account's keys answer 401 until
// its person chooses a new password.
func TestAPIKeyRefusedWhilePasswordForced(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	u := env.user("aud@acme.test", "standard", "active", "auditor")
	key, _ := env.keyFor(u, time.Time{})
	wantAPI(t, env.call(key, "GET", "/users", nil), 200)
	if err := env.st.SetTemporaryPassword(ctx, actorFor(env), u.ID, "temporary-hash"); err != nil {
		t.Fatal(err)
	}
	r := env.call(key, "GET", "/users", nil)
	wantAPI(t, r, http.StatusUnauthorized)
	if d, _ := r.body["detail"].(string); d == "" || d == env.call("", "GET", "/users", nil).body["detail"] {
		t.Errorf("detail %q does not say the password must change", d)
	}
	if _, err := env.st.ChangePassword(ctx, store.Actor{TenantID: u.TenantID, AccountID: u.ID}, "new-hash", ""); err != nil {
		t.Fatal(err)
	}
	wantAPI(t, env.call(key, "GET", "/users", nil), 200)
}
