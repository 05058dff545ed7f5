package store_test

import (
	"context"
	"testing"

	"github.com/console-dev/console/store"
)

// A search counts, in one statement, the matches the default view hides:
// deactivated people, and people holding no role who are not Admins; a
// filter that shows them counts none of them; each count stops past limit.
func TestHiddenCountsWhatTheViewLeavesOut(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	mustCreate(t, st, tn.ID, person("durand", "standard", "active", roles["member"]))
	mustCreate(t, st, tn.ID, person("durandgone", "standard", "deactivated", roles["member"]))
	mustCreate(t, st, tn.ID, person("durandnone", "standard", "active"))
	mustCreate(t, st, tn.ID, person("durandwait", "standard", "pending"))
	mustCreate(t, st, tn.ID, person("durandboss", "admin", "active")) // an Admin needs no role
	mustCreate(t, st, tn.ID, person("martin", "standard", "deactivated"))
	for _, c := range []struct {
		f          store.UserFilter
		limit      int
		deact, non int
	}{
		{store.UserFilter{Query: "durand"}, 100, 1, 2},
		{store.UserFilter{Query: "durand", ShowDeactivated: true}, 100, 0, 2},
		{store.UserFilter{Query: "durand", IncludeNoRole: true}, 100, 1, 0},
		{store.UserFilter{Query: "durand", RoleID: roles["member"]}, 100, 1, 0},
		{store.UserFilter{Query: "durand"}, 1, 1, 2},
		{store.UserFilter{Query: "durand"}, 0, 1, 1},
		{store.UserFilter{Query: "martin"}, 100, 1, 0},
		{store.UserFilter{}, 100, 0, 0},
	} {
		d, n, err := st.Hidden(ctx, tn.ID, c.f, c.limit)
		if err != nil || d != c.deact || n != c.non {
			t.Errorf("Hidden(%+v, %d) = %d deactivated, %d without a role (%v); want %d, %d", c.f, c.limit, d, n, err, c.deact, c.non)
		}
	}
}
