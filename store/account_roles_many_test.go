package store_test

import (
	"context"
	"testing"
)

// TestAccountRolesOfAHundredThousand: an import's second pass asks for the
// roles of every person its file names, 100,000 of them; one IN list that
// long is past both databases' variable limits (SQLite 32,766, PostgreSQL
// 65,535), so the lookup goes by parts and still answers for everyone.
func TestAccountRolesOfAHundredThousand(t *testing.T) {
	t.Parallel()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	a := mustCreate(t, st, tn.ID, person("ann", "standard", "active", roles["member"]))
	b := mustCreate(t, st, tn.ID, person("bob", "standard", "active", roles["auditor"], roles["member"]))
	ids := make([]int64, 0, 100_002)
	ids = append(ids, a.ID)
	for i := range int64(100_000) {
		ids = append(ids, 1_000_000+i) // nobody
	}
	ids = append(ids, b.ID)
	got, err := st.AccountRoles(context.Background(), tn.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[a.ID]) != 1 || got[a.ID][0].ID != roles["member"] || len(got[b.ID]) != 2 {
		t.Fatalf("roles of ann and bob among 100,000 ids: %+v", got)
	}
}
