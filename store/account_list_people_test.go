package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestPeopleFilterPlans: the issue 16 filters read through indexes on
// SQLite: a domain from its search rows, a creation range and a "not active
// for" count as ranges of their sort indexes, never active and a group as
// lists read from an index; no branch scans a table (run with -v to read).
func TestPeopleFilterPlans(t *testing.T) {
	st, big, _ := membersWorld(t, 300, 50, 10)
	ctx := context.Background()
	now := time.Now()
	for _, tc := range []struct {
		f    UserFilter
		want string
	}{
		{UserFilter{EmailDomain: "example.com"}, "SEARCH t USING"},
		{UserFilter{Sort: "created", CreatedFrom: now.AddDate(0, 0, -1), CreatedTo: now}, "accounts_by_created (tenant_id=? AND created_at>? AND created_at<?)"},
		{UserFilter{Sort: "last_active", InactiveDays: 90}, "accounts_by_active (tenant_id=? AND last_active_at<?)"},
		{UserFilter{NeverActive: true}, "SEARCH n USING"},
		{UserFilter{GroupID: 1}, "SEARCH gm USING"},
	} {
		f := tc.f
		f.Limit = 50
		if f.Sort == "" {
			f.Sort = "name"
		}
		key := sortKeys[f.Sort]
		terms, dense, err := st.leadTerms(ctx, big, f, key.inTerms)
		if err != nil {
			t.Fatal(err)
		}
		q, args := usersSQL(big, f, key.column, terms, dense, nil, f.Desc, now.Unix())
		rows, err := st.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
			if strings.HasPrefix(detail, "SCAN a") || strings.HasPrefix(detail, "SCAN m") || strings.HasPrefix(detail, "SCAN t ") {
				t.Errorf("%+v: a branch scans a table: %s", f, detail)
			}
		}
		rows.Close()
		all := strings.Join(plan, "\n")
		t.Logf("%+v:\n%s", f, all)
		if !strings.Contains(all, tc.want) {
			t.Errorf("%+v: plan lacks %q:\n%s", f, tc.want, all)
		}
		if _, err := st.ListUsers(ctx, big, f); err != nil {
			t.Fatal(err)
		}
	}
}
