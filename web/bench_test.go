package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/console-dev/console/store"
)

// BenchmarkUsersPage serves the users page through the real router, session
// and all, over 10,000 accounts.
func BenchmarkUsersPage(b *testing.B) {
	t := &testing.T{}
	env := newEnvB(b, t, false)
	var seeds []store.SeedAccount
	for i := range 10_000 {
		seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
			FirstName: fmt.Sprintf("Élodie%d", i%97), LastName: fmt.Sprintf("O'Brien%d", i%1013), Email: fmt.Sprintf("u%d@acme.test", i),
			Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"}, Login: fmt.Sprintf("u%d", i),
			Status: "active", AuthMethod: "password", RoleIDs: []int64{env.roles["member"], env.roles["auditor"]}}})
	}
	if err := env.st.Seed(context.Background(), store.Actor{TenantID: env.tenant.ID}, seeds); err != nil {
		b.Fatal(err)
	}
	c := env.signedIn("admin@acme.test")
	b.ResetTimer()
	for b.Loop() {
		res, err := c.http.Get(env.srv.URL + "/users")
		if err != nil {
			b.Fatal(err)
		}
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
}

// BenchmarkUsersPageWithMembers: the users page of a tenant with 100,000
// home people and 10,000 members pushed down from its parent against a
// tenant of 1,000, through the real router, in one run. "small/big" is the
// ratio the issue bounds (at least 0.8).
func BenchmarkUsersPageWithMembers(b *testing.B) {
	t := &testing.T{}
	env := newEnvB(b, t, false)
	ctx := context.Background()
	seed := func(tenantID int64, roles map[string]int64, prefix string, n int) []int64 {
		var seeds []store.SeedAccount
		for i := range n {
			seeds = append(seeds, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
				FirstName: fmt.Sprintf("Élodie%d", i%97), LastName: fmt.Sprintf("O'Brien%d", i%1013), Email: fmt.Sprintf("%s%d@acme.test", prefix, i),
				Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"}, Login: fmt.Sprintf("%s%d", prefix, i),
				Status: "active", AuthMethod: "password", RoleIDs: []int64{roles["member"]}}})
		}
		if err := env.st.Seed(ctx, store.Actor{TenantID: tenantID}, seeds); err != nil {
			b.Fatal(err)
		}
		var ids []int64
		for after := ""; ; {
			p, err := env.st.ListUsers(ctx, tenantID, store.UserFilter{Limit: 500, After: after})
			if err != nil {
				b.Fatal(err)
			}
			for _, a := range p.Accounts {
				ids = append(ids, a.ID)
			}
			if after = p.Next; after == "" || len(ids) >= n {
				break
			}
		}
		return ids
	}
	big, bigRoles := env.childTenant("Big", "big", env.tenant.ID)
	small, smallRoles := env.childTenant("Small", "small", env.tenant.ID)
	seed(big.ID, bigRoles, "b", 100_000)
	seed(small.ID, smallRoles, "s", 1_000)
	pushed := seed(env.tenant.ID, env.roles, "p", 10_000)
	for _, tn := range []struct {
		id   int64
		role int64
	}{{big.ID, bigRoles["tenant_admin"]}, {small.ID, smallRoles["tenant_admin"]}} {
		if _, err := env.st.SetMemberRoles(ctx, store.Actor{TenantID: tn.id}, env.admin.ID, []int64{tn.role}); err != nil {
			b.Fatal(err)
		}
	}
	for _, id := range pushed {
		if _, err := env.st.SetMemberRoles(ctx, store.Actor{TenantID: big.ID}, id, []int64{bigRoles["member"]}); err != nil {
			b.Fatal(err)
		}
	}
	c := env.signedIn("admin@acme.test")
	get := func(path string) {
		res, err := c.http.Get(env.srv.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		if res.StatusCode != http.StatusOK {
			b.Fatalf("%s: status %d", path, res.StatusCode)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	for _, page := range []string{"/users", "/users?sort=email&dir=desc", "/users?sort=last_active&dir=desc&type=standard"} {
		b.Run(page, func(b *testing.B) {
			var tb, ts time.Duration
			for b.Loop() {
				t0 := time.Now()
				get("/t/big" + page)
				t1 := time.Now()
				get("/t/small" + page)
				tb, ts = tb+t1.Sub(t0), ts+time.Since(t1)
			}
			b.ReportMetric(float64(ts)/float64(tb), "small/big")
		})
	}
}
