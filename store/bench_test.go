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

// BenchmarkGroups: effective permissions of a user in 50 groups of 5 roles
// (one query), a page deep in a 10,000-member group, and adding 1,000 people
// to a group in one transaction.
func BenchmarkGroups(b *testing.B) {
	st, tenant := benchStore(b, 10_000)
	ctx := context.Background()
	by := Actor{TenantID: tenant}
	page, err := st.ListUsers(ctx, tenant, UserFilter{Limit: 500, IncludeNoRole: true})
	if err != nil {
		b.Fatal(err)
	}
	user := page.Accounts[0].ID
	var roleIDs []int64
	for i := range 250 {
		id, err := st.CreateRole(ctx, by, RoleSpec{Name: fmt.Sprintf("R%d", i), Permissions: []string{"users.view", fmt.Sprintf("module:m%d", i)}})
		if err != nil {
			b.Fatal(err)
		}
		roleIDs = append(roleIDs, id)
	}
	for i := range 50 {
		g, err := st.CreateGroup(ctx, by, fmt.Sprintf("G%d", i), "")
		if err != nil {
			b.Fatal(err)
		}
		if err := st.SetGroupRoles(ctx, by, g.ID, roleIDs[i*5:i*5+5]); err != nil {
			b.Fatal(err)
		}
		if _, err := st.AddMembers(ctx, by, g.ID, []int64{user}); err != nil {
			b.Fatal(err)
		}
	}
	big, _ := st.CreateGroup(ctx, by, "Everyone", "")
	var all []int64
	for after := ""; ; {
		p, err := st.ListUsers(ctx, tenant, UserFilter{Limit: 500, IncludeNoRole: true, After: after})
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range p.Accounts {
			all = append(all, a.ID)
		}
		if after = p.Next; after == "" {
			break
		}
	}
	if _, err := st.AddMembers(ctx, by, big.ID, all); err != nil {
		b.Fatal(err)
	}
	deep, _ := st.GroupMembers(ctx, tenant, big.ID, "", 0, 500)
	last := deep[len(deep)-1]
	b.Run("effective permissions, 50 groups x 5 roles", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.RolePermissions(ctx, tenant, user); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("members page of a 10,000-member group", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.GroupMembers(ctx, tenant, big.ID, last.SortName, last.AccountID, 50); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("add 1,000 people in one transaction", func(b *testing.B) {
		i := 0
		for b.Loop() {
			g, err := st.CreateGroup(ctx, by, fmt.Sprintf("Batch %d", i), "")
			if err != nil {
				b.Fatal(err)
			}
			i++
			if _, err := st.AddMembers(ctx, by, g.ID, all[:1000]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkProject: a project with 5,000 people through 50 group-teams and 500
// added one by one: its counts (misconfigurations in SQL) and a page of people.
func BenchmarkProject(b *testing.B) {
	st, tenant := benchStore(b, 10_000)
	ctx := context.Background()
	by := Actor{TenantID: tenant}
	var all []int64
	for after := ""; ; {
		p, err := st.ListUsers(ctx, tenant, UserFilter{Limit: 500, IncludeNoRole: true, After: after})
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range p.Accounts {
			all = append(all, a.ID)
		}
		if after = p.Next; after == "" {
			break
		}
	}
	p, err := st.CreateProject(ctx, by, "Big", "")
	if err != nil {
		b.Fatal(err)
	}
	for i := range 50 {
		g, err := st.CreateGroup(ctx, by, fmt.Sprintf("Team %d", i), "")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.AddMembers(ctx, by, g.ID, all[i*90:i*90+90]); err != nil {
			b.Fatal(err)
		}
		if err := st.AddProjectTeams(ctx, by, p.ID, []int64{g.ID}, "write"); err != nil {
			b.Fatal(err)
		}
	}
	if err := st.AddProjectUsers(ctx, by, p.ID, all[4400:4900], "read", true); err != nil { // 100 on two teams
		b.Fatal(err)
	}
	b.Run("project counts with misconfigurations", func(b *testing.B) {
		for b.Loop() {
			got, err := st.Project(ctx, tenant, p.ID)
			if err != nil || got.Errors != 100 {
				b.Fatal(got.Errors, err)
			}
		}
	})
	b.Run("page of people", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.ProjectPeople(ctx, tenant, p.ID, false, "", 0, 50); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("misconfigured people", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.ProjectPeople(ctx, tenant, p.ID, true, "", 0, 50); err != nil {
				b.Fatal(err)
			}
		}
	})
}
