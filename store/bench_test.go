package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// benchStore seeds n users with three roles' worth of variety into a fresh file.
func benchStore(b *testing.B, n int) (*Store, int64) {
	b.Helper()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	t, err := st.CreateTenant(ctx, "Bench", "bench", 0, []RoleSpec{{Key: "member", Name: "Member", Permissions: []string{"projects.view"}}})
	if err != nil {
		b.Fatal(err)
	}
	roles, _ := st.Roles(ctx, t.ID)
	now := time.Now()
	accounts := make([]SeedAccount, n)
	for i := range accounts {
		accounts[i] = SeedAccount{NewAccount: NewAccount{Profile: Profile{FirstName: fmt.Sprintf("First%d", i%97),
			LastName: fmt.Sprintf("Last%d", i%1013), Email: fmt.Sprintf("u%d@example.com", i), Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: []string{"standard", "standard", "read_only"}[i%3]},
			Login: fmt.Sprintf("u%d", i), Status: "active", AuthMethod: "password", RoleIDs: []int64{roles[0].ID}},
			CreatedAt: now.Add(-time.Duration(i) * time.Minute), LastActiveAt: now.Add(-time.Duration(i%5000) * time.Hour)}
	}
	if err := st.Seed(ctx, Actor{TenantID: t.ID}, accounts); err != nil {
		b.Fatal(err)
	}
	return st, t.ID
}

func BenchmarkListUsers(b *testing.B) {
	st, tenant := benchStore(b, 10_000)
	ctx := context.Background()
	deep := UserFilter{UserType: "standard", Sort: "last_active", Desc: true, Limit: 50}
	for range 40 {
		p, err := st.ListUsers(ctx, tenant, deep)
		if err != nil {
			b.Fatal(err)
		}
		deep.After = p.Next
	}
	for name, f := range map[string]UserFilter{
		"first page":           {Limit: 50},
		"search":               {Query: "last42", Limit: 50},
		"filtered sorted deep": deep,
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := st.ListUsers(ctx, tenant, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
