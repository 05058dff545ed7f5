package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedPeople seeds n people into the tenant, their emails prefixed so
// tenants of one tree do not collide.
func seedPeople(tb testing.TB, st *Store, tenantID int64, prefix string, n int) {
	tb.Helper()
	ctx := context.Background()
	roles, _ := st.Roles(ctx, tenantID)
	now := time.Now()
	accounts := make([]SeedAccount, n)
	for i := range accounts {
		accounts[i] = SeedAccount{NewAccount: NewAccount{Profile: Profile{FirstName: fmt.Sprintf("First%d", i%97),
			LastName: fmt.Sprintf("Last%d", i%1013), Email: fmt.Sprintf("%s%d@example.com", prefix, i), Language: "en",
			TimeZone: "UTC", Currency: "USD", UserType: []string{"standard", "standard", "read_only"}[i%3]},
			Login: fmt.Sprintf("%s%d", prefix, i), Status: "active", AuthMethod: "password", RoleIDs: []int64{roles[0].ID}},
			CreatedAt: now.Add(-time.Duration(i) * time.Minute), LastActiveAt: now.Add(-time.Duration(i%5000) * time.Hour)}
	}
	if err := st.Seed(ctx, Actor{TenantID: tenantID}, accounts); err != nil {
		tb.Fatal(err)
	}
}

// pushDown makes the first n people of from members of to with to's first
// role, in bulk: the rows SetMemberRoles writes, without a transaction each.
func pushDown(tb testing.TB, st *Store, from, to int64, n int) {
	tb.Helper()
	ctx := context.Background()
	roles, _ := st.Roles(ctx, to)
	for _, q := range []string{
		`CREATE TEMP TABLE pushed AS SELECT id FROM accounts WHERE tenant_id = ?1 ORDER BY id LIMIT ?3`,
		`INSERT INTO tenant_members (tenant_id, account_id, kind, sort_name, email, created_at, status, user_type,
			last_active_at, added_at) SELECT ?2, id, kind, sort_name, email, created_at, status, ` + memberType + `,
			last_active_at, 1 FROM accounts WHERE id IN (SELECT id FROM pushed)`,
		`INSERT INTO account_roles (tenant_id, account_id, role_id) SELECT ?2, id, ?4 FROM pushed`,
		`INSERT INTO account_terms (tenant_id, term, account_id, kind, sort_name, email, created_at, status, user_type, has_role)
			SELECT ?2, term, account_id, kind, sort_name, email, created_at, status, user_type, 1 FROM account_terms
			WHERE tenant_id = ?1 AND account_id IN (SELECT id FROM pushed)`,
		`DROP TABLE pushed`,
	} {
		if _, err := st.w.ExecContext(ctx, q, from, to, n, roles[0].ID); err != nil {
			tb.Fatal(q, err)
		}
	}
}

// membersWorld is a provider with 10,000 people pushed down into a customer
// of 100,000 home people, and a lone tenant of 1,000.
func membersWorld(tb testing.TB, big, members, small int) (st *Store, bigID, smallID int64) {
	tb.Helper()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(tb.TempDir(), "bench.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	spec := []RoleSpec{{Key: "member", Name: "Member", Permissions: []string{"projects.view"}}}
	sp, err := st.CreateTenant(ctx, "Provider", "sp", 0, spec)
	if err != nil {
		tb.Fatal(err)
	}
	cust, err := st.CreateTenant(ctx, "Customer", "cust", sp.ID, spec)
	if err != nil {
		tb.Fatal(err)
	}
	lone, err := st.CreateTenant(ctx, "Lone", "lone", 0, spec)
	if err != nil {
		tb.Fatal(err)
	}
	seedPeople(tb, st, sp.ID, "sp", members)
	seedPeople(tb, st, cust.ID, "c", big)
	seedPeople(tb, st, lone.ID, "l", small)
	pushDown(tb, st, sp.ID, cust.ID, members)
	return st, cust.ID, lone.ID
}

// BenchmarkUsersWithMembers: the users table of a tenant of 100,000 home
// people and 10,000 members against a tenant of 1,000, page by page in one
// run. The "small/big" metric is the ratio the issue bounds (at least 0.8:
// the big tenant's page costs at most 1.25 times the small one's).
func BenchmarkUsersWithMembers(b *testing.B) {
	st, big, small := membersWorld(b, 100_000, 10_000, 1_000)
	ctx := context.Background()
	deep := func(tenant int64) UserFilter {
		f := UserFilter{UserType: "standard", Sort: "last_active", Desc: true, Limit: 50}
		for range 20 {
			p, err := st.ListUsers(ctx, tenant, f)
			if err != nil {
				b.Fatal(err)
			}
			f.After = p.Next
		}
		return f
	}
	for _, sc := range []struct {
		name       string
		big, small UserFilter
	}{
		{"first page", UserFilter{Limit: 50}, UserFilter{Limit: 50}},
		{"by email desc", UserFilter{Sort: "email", Desc: true, Limit: 50}, UserFilter{Sort: "email", Desc: true, Limit: 50}},
		{"search", UserFilter{Query: "last42", Limit: 50}, UserFilter{Query: "last42", Limit: 50}},
		{"last active deep", deep(big), deep(small)},
	} {
		b.Run(sc.name, func(b *testing.B) {
			var tb, ts time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := st.ListUsers(ctx, big, sc.big); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, err := st.ListUsers(ctx, small, sc.small); err != nil {
					b.Fatal(err)
				}
				tb, ts = tb+t1.Sub(t0), ts+time.Since(t1)
			}
			b.ReportMetric(float64(ts)/float64(tb), "small/big")
		})
	}
}

// TestUsersPlanWalksIndexes prints the plan of the merged users query: both
// branches must walk an index in order, with no temporary B-tree for the sort
// of a branch (run with -v to read it).
func TestUsersPlanWalksIndexes(t *testing.T) {
	st, big, _ := membersWorld(t, 300, 50, 10)
	ctx := context.Background()
	for _, f := range []UserFilter{{}, {Sort: "email", Desc: true}, {Sort: "last_active"}, {Sort: "created", RoleID: 1},
		{UserType: "standard", Sort: "last_active", Desc: true}} {
		key := sortKeys[f.Sort]
		if key.column == "" {
			key = sortKeys["name"]
		}
		f.Limit = 50
		q, args := usersSQL(big, f, key.column, nil, false, nil, f.Desc, 0)
		rows, err := st.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			t.Logf("%+v: %s", f, detail)
			if strings.Contains(detail, "SCAN a") || strings.Contains(detail, "SCAN m") {
				t.Errorf("a branch scans a table: %s", detail)
			}
		}
		rows.Close()
		if _, err := st.ListUsers(ctx, big, f); err != nil {
			t.Fatal(err)
		}
	}
}
