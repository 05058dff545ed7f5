package web

import (
	"fmt"
	"testing"
	"time"
)

// TestExpiryAPI: expires_at on a user (PATCH, GET) and per direct role
// (PUT roles); bad dates are 422 with a field; past the expiry, without
// any sweeper, the role gives nothing and the account's key stops working.
func TestExpiryAPI(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	key, _ := env.keyFor(env.admin, time.Time{})
	ann := env.user("ann@acme.test", "standard", "active", "user_manager")
	annKey, _ := env.keyFor(ann, time.Time{})
	path := fmt.Sprintf("/users/%d", ann.ID)
	for _, bad := range []any{"2020-01-01T00:00:00Z", "tomorrow", 12, "10000-01-01T00:00:00Z"} {
		r := env.call(key, "PATCH", path, map[string]any{"expires_at": bad})
		wantAPI(t, r, 422)
		if !fieldErrors(r)["expires_at"] {
			t.Fatalf("%v: no field message: %s", bad, r.raw)
		}
	}
	end := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	r := env.call(key, "PATCH", path, map[string]any{"expires_at": end.Format(time.RFC3339)})
	wantAPI(t, r, 200)
	if r.body["expires_at"] != end.Format(time.RFC3339) {
		t.Fatalf("expires_at = %v, want %v", r.body["expires_at"], end)
	}
	r = env.call(key, "PUT", path+"/roles", map[string]any{"role_ids": []int64{env.roles["user_manager"]},
		"expires_at": map[string]any{fmt.Sprint(env.roles["user_manager"]): end.Add(-30 * time.Minute).Format(time.RFC3339)}})
	wantAPI(t, r, 200)
	wantAPI(t, env.call(annKey, "GET", "/users", nil), 200)

	env.st.SetClock(func() time.Time { return end.Add(-time.Minute) }) // the role has expired
	wantAPI(t, env.call(annKey, "GET", "/users", nil), 403)
	r = env.call(key, "GET", path, nil)
	if roles, _ := r.body["roles"].([]any); len(roles) != 0 {
		t.Fatalf("an expired role is listed as held: %v", roles)
	}
	env.st.SetClock(func() time.Time { return end }) // the account has expired
	wantAPI(t, env.call(annKey, "GET", "/users", nil), 401)

	r = env.call(key, "PATCH", path, map[string]any{"expires_at": nil})
	wantAPI(t, r, 200)
	if r.body["expires_at"] != nil {
		t.Fatalf("expires_at not cleared: %v", r.body["expires_at"])
	}
}
