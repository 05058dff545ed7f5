package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/console-dev/console/store"
)

// A seed larger than the table it fills sets the indexes aside on SQLite and
// builds them again, sorting the search rows: afterwards the schema is what
// it was, search finds the people, and a seed that fails (a duplicate login,
// found only when the unique index is built again) leaves nothing behind,
// not even a missing index.
func TestSeedInBulkKeepsTheSchemaAndSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bulk.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	schema := func() []string {
		t.Helper()
		rows, err := raw.QueryContext(ctx, `SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	tn, roles := newTenant(t, st, "acme", 0)
	mustCreate(t, st, tn.ID, person("ann", "admin", "active"))
	before := schema()
	if !slices.ContainsFunc(before, func(s string) bool { return len(s) > 15 && s[:15] == "accounts_login:" }) {
		t.Fatalf("no accounts_login index to compare: %v", before)
	}
	seeds := func(n int, logins func(int) string) []store.SeedAccount {
		var out []store.SeedAccount
		for i := range n {
			out = append(out, store.SeedAccount{NewAccount: store.NewAccount{Profile: store.Profile{
				FirstName: "Zoé", LastName: fmt.Sprintf("Lefèvre%03d", i), Email: fmt.Sprintf("p%03d@acme.test", i), Language: "fr",
				TimeZone: "UTC", Currency: "EUR", UserType: "standard"}, Login: logins(i), Status: "active",
				AuthMethod: "password", RoleIDs: []int64{roles["member"]}}})
		}
		return out
	}
	if err := st.Seed(ctx, actor(tn.ID), seeds(300, func(i int) string { return fmt.Sprintf("zoe%03d", i) })); err != nil {
		t.Fatal(err)
	}
	if after := schema(); !slices.Equal(after, before) {
		t.Errorf("after a bulk seed the indexes are\n%v\nwant\n%v", after, before)
	}
	for q, want := range map[string]int{"lefevre": 300, "efevre12": 10, "zoe042": 1, "acme.test": 300} {
		p, err := st.ListUsers(ctx, tn.ID, store.UserFilter{Query: q, Limit: 500, IncludeNoRole: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Accounts) != want {
			t.Errorf("search %q finds %d people, want %d", q, len(p.Accounts), want)
		}
	}

	// 400 more (more than the 301 there), two with the same login.
	other, _ := newTenant(t, st, "globex", 0)
	dup := seeds(400, func(i int) string { return fmt.Sprintf("dup%03d", i%399) })
	err = st.Seed(ctx, actor(other.ID), dup)
	if c := (*store.Conflict)(nil); !errors.As(err, &c) || c.Field != "login" {
		t.Fatalf("a seed with a duplicate login: %v, want a login conflict", err)
	}
	if after := schema(); !slices.Equal(after, before) {
		t.Errorf("after a failed bulk seed the indexes are\n%v\nwant\n%v", after, before)
	}
	if n, _ := st.AccountTotal(ctx, other.ID); n != 0 {
		t.Errorf("a failed seed left %d people", n)
	}
}
