package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/console-dev/console/store"
)

// TestBuiltinRolesAreFixed: built-in roles can be neither changed nor deleted.
func TestBuiltinRolesAreFixed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	wantErr(t, st.UpdateRole(ctx, actor(tn.ID), roles["member"], store.RoleSpec{Name: "X"}), store.ErrBuiltinRole)
	wantErr(t, st.DeleteRole(ctx, actor(tn.ID), roles["member"]), store.ErrBuiltinRole)
	_, err := st.CreateRole(ctx, actor(tn.ID), store.RoleSpec{Name: "MEMBER"})
	var c *store.Conflict
	if !errors.As(err, &c) || c.Field != "name" {
		t.Fatalf("a custom role named like a built-in in another case: %v", err)
	}
}
