package web

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestExpiryGroupMember: PUT /groups/{id}/members/{account_id} takes an
// optional expires_at; a past date is 422 and adds nobody; past the
// expiry the group's roles give nothing, with no sweeper.
func TestExpiryGroupMember(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	ctx := context.Background()
	key, _ := env.keyFor(env.admin, time.Time{})
	ann := env.user("ann@acme.test", "standard", "active")
	g, err := env.st.CreateGroup(ctx, actorFor(env), "Auditors", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.st.SetGroupRoles(ctx, actorFor(env), g.ID, []int64{env.roles["auditor"]}); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/groups/%d/members/%d", g.ID, ann.ID)
	r := env.call(key, "PUT", path, map[string]any{"expires_at": "2001-01-01T00:00:00Z"})
	wantAPI(t, r, 422)
	if !fieldErrors(r)["expires_at"] {
		t.Fatalf("no field message: %s", r.raw)
	}
	has := func() bool {
		p, err := env.st.RolePermissions(ctx, env.tenant.ID, ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		return slices.Contains(p, "audit.view")
	}
	if has() {
		t.Fatal("a refused membership was written")
	}
	end := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	wantAPI(t, env.call(key, "PUT", path, map[string]any{"expires_at": end.Format(time.RFC3339)}), 204)
	if !has() {
		t.Fatal("no access through the group before expiry")
	}
	env.st.SetClock(func() time.Time { return end })
	if has() {
		t.Fatal("an expired membership still gives the group's roles")
	}
}
