package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/console-dev/console/store"
)

// A search's count is the number of people its pages list, whichever plan
// the pages take (walking the accounts for a common word, the search rows
// for a rare one), with and without filters, and stops at its bound.
func TestCountOfASearchMatchesItsPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	tn, roles := newTenant(t, st, "acme", 0)
	var seeds []store.SeedAccount
	for i := range 120 {
		last, status := "Rousseau", "active"
		if i%3 == 0 {
			last = "Robert"
		}
		if i%5 == 0 {
			status = "deactivated"
		}
		a := store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{FirstName: "Zoé", LastName: fmt.Sprintf("%s %d", last, i),
			Email: fmt.Sprintf("z%d@acme.test", i), Language: "fr", TimeZone: "UTC", Currency: "EUR", UserType: "standard"},
			Login: fmt.Sprintf("z%d", i), Status: status, AuthMethod: "password"}}
		if i%2 == 0 {
			a.RoleIDs = []int64{roles["member"]}
		}
		seeds = append(seeds, a)
	}
	if err := st.Seed(ctx, actor(tn.ID), seeds); err != nil {
		t.Fatal(err)
	}
	listed := func(f store.UserFilter) int {
		n := 0
		for f.Limit = 50; ; {
			p, err := st.ListUsers(ctx, tn.ID, f)
			if err != nil {
				t.Fatal(err)
			}
			if n += len(p.Accounts); p.Next == "" {
				return n
			}
			f.After = p.Next
		}
	}
	filters := []store.UserFilter{
		{Query: "ro"}, {Query: "rousseau", ShowDeactivated: true}, {Query: "zoe rob", IncludeNoRole: true, ShowDeactivated: true},
		{Query: "ro", IncludeNoRole: true, Status: "deactivated", ShowDeactivated: true}, {Query: "acme.test", IncludeNoRole: true, Sort: "last_active"},
		{EmailDomain: "acme.test", IncludeNoRole: true, ShowDeactivated: true}, {Query: "nobody"},
	}
	for _, dense := range []int{1, 100000} {
		st.SetDenseLimit(dense)
		for _, f := range filters {
			want := listed(f)
			if n, more, err := st.CountUsers(ctx, tn.ID, f, 1000); err != nil || n != want || more {
				t.Errorf("dense limit %d, %+v: count %d (more %v, %v), the pages list %d", dense, f, n, more, err, want)
			}
			if want > 10 {
				if n, more, _ := st.CountUsers(ctx, tn.ID, f, 10); n != 10 || !more {
					t.Errorf("dense limit %d, %+v: bounded at 10, count %d more %v", dense, f, n, more)
				}
			}
		}
	}
}

// A home Admin added to a customer is a Standard user there in every copy
// the table reads: the list and the count find them as Standard (whichever
// plan), never as an Admin.
func TestAMemberAdminAtHomeIsStandardInTheSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newStore(t)
	sp, _ := newTenant(t, st, "provider", 0)
	cust, custRoles := newTenant(t, st, "customer", sp.ID)
	ada := mustCreate(t, st, sp.ID, person("adalovelace", "admin", "active"))
	if _, err := st.SetMemberRoles(ctx, actor(cust.ID), ada.ID, []int64{custRoles["member"]}); err != nil {
		t.Fatal(err)
	}
	for _, dense := range []int{1, 100000} {
		st.SetDenseLimit(dense)
		for userType, want := range map[string]int{"standard": 1, "admin": 0, "": 1} {
			f := store.UserFilter{Query: "adalove", UserType: userType, Limit: 50}
			p, err := st.ListUsers(ctx, cust.ID, f)
			if err != nil {
				t.Fatal(err)
			}
			n, _, err := st.CountUsers(ctx, cust.ID, f, 1000)
			if err != nil || len(p.Accounts) != want || n != want {
				t.Errorf("dense limit %d, type %q: the pages list %d, the count says %d (%v); want %d", dense, userType, len(p.Accounts), n, err, want)
			}
		}
	}
}
