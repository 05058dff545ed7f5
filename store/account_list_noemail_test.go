package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/console-dev/console/store"
)

// People without an email sort first by email (last, descending) on both
// databases, as SQLite orders NULLs, and paging by email walks past them:
// every person is on exactly one page, in the same order, whichever way.
func TestListUsersByEmailWithoutEmails(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	var noEmail, withEmail []int64
	for i := range 12 {
		n := person(fmt.Sprintf("p%02d", i), "standard", "active", roles["member"])
		if i%3 == 0 {
			n.Email = ""
		}
		a := mustCreate(t, st, tn.ID, n)
		if n.Email == "" {
			noEmail = append(noEmail, a.ID)
		} else {
			withEmail = append(withEmail, a.ID) // p01@…, p02@…: email order is creation order
		}
	}
	asc := append(append([]int64{}, noEmail...), withEmail...)
	desc := make([]int64, 0, len(asc))
	for i := len(asc) - 1; i >= 0; i-- {
		desc = append(desc, asc[i])
	}
	for _, c := range []struct {
		desc bool
		want []int64
	}{{false, asc}, {true, desc}} {
		all, err := st.ListUsers(ctx, tn.ID, store.UserFilter{Sort: "email", Desc: c.desc, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(all.Accounts); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Fatalf("desc=%v: order %v, want %v (no email first ascending)", c.desc, got, c.want)
		}
		for _, limit := range []int{2, 3, 5} {
			t.Run(fmt.Sprintf("desc=%v/limit=%d", c.desc, limit), func(t *testing.T) {
				walkPages(t, st, tn.ID, store.UserFilter{Sort: "email", Desc: c.desc, Limit: limit}, c.want)
			})
		}
	}
}
