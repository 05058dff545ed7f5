package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/console-dev/console/store"
)

// groupsTarget is what htmx sends when a button swaps the groups panel.
func groupsTarget() []string { return htmx("ug-groups") }

func (e *testEnv) group(name string, roles ...string) store.Group {
	e.t.Helper()
	g, err := e.st.CreateGroup(context.Background(), actorFor(e), name, "")
	if err != nil {
		e.t.Fatal(err)
	}
	var ids []int64
	for _, r := range roles {
		ids = append(ids, e.roles[r])
	}
	if len(ids) > 0 {
		if err := e.st.SetGroupRoles(context.Background(), actorFor(e), g.ID, ids); err != nil {
			e.t.Fatal(err)
		}
	}
	return g
}

func (e *testEnv) members(g store.Group) int {
	e.t.Helper()
	g, err := e.st.Group(context.Background(), e.tenant.ID, g.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return g.Members
}

// seedUsers adds n people whose names start with prefix and returns their ids.
func (e *testEnv) seedUsers(prefix string, n int) []int64 {
	e.t.Helper()
	ctx := context.Background()
	var seeds []store.SeedAccount
	for i := range n {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: fmt.Sprintf("%s%04d", prefix, i), LastName: "Seeded", Email: fmt.Sprintf("%s%04d@acme.test", strings.ToLower(prefix), i),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Login: fmt.Sprintf("%s%04d", strings.ToLower(prefix), i), Status: "active", AuthMethod: "password"}})
	}
	if err := e.st.Seed(ctx, store.Actor{TenantID: e.tenant.ID}, seeds); err != nil {
		e.t.Fatal(err)
	}
	var ids []int64
	f := store.UserFilter{Query: prefix, IncludeNoRole: true, Limit: 500}
	for {
		pg, err := e.st.ListUsers(ctx, e.tenant.ID, f)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, a := range pg.Accounts {
			ids = append(ids, a.ID)
		}
		if pg.Next == "" {
			break
		}
		f.After = pg.Next
	}
	if len(ids) != n {
		e.t.Fatalf("seeded %d, found %d", n, len(ids))
	}
	return ids
}

func pick(g store.Group, accounts ...int64) url.Values {
	v := url.Values{"group_id": {fmt.Sprint(g.ID)}}
	for _, a := range accounts {
		v.Add("account_id", fmt.Sprint(a))
	}
	return v
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }
