package store_test

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestFragmentTermsBackFill: a database whose search rows predate fragment
// search (version 18) gains them when it migrates, each copied with the
// tenant's status and role mark, so "langer" finds Bélanger and a domain
// finds its people, and a deactivated person stays hidden by default.
func TestFragmentTermsBackFill(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.DB(t)
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	tn, roles := newTenant(t, st, "acme", 0)
	bel := person("abel", "standard", "active", roles["member"])
	bel.FirstName, bel.LastName, bel.Email = "Amélie", "Bélanger", "a.b@mail.example.ca"
	mustCreate(t, st, tn.ID, bel)
	gone := person("gone", "standard", "deactivated", roles["member"])
	gone.LastName, gone.Email = "Bélanger", "g@mail.example.ca"
	mustCreate(t, st, tn.ID, gone)
	st.Close()

	// The rows as the older binary wrote them: words, login, email, local part.
	raw := testdb.Open(t, db)
	if _, err := raw.Exec(`DELETE FROM account_terms WHERE term NOT IN ('amelie', 'belanger', 'abel', 'gone', 'tester',
		'a.b@mail.example.ca', 'a.b', 'g@mail.example.ca', 'g')`); err != nil {
		t.Fatal(err)
	}
	// Later migrations rolled back first (their Down), so 18 is the newest again.
	dialect, dir := goose.DialectSQLite3, "sqlite"
	if strings.HasPrefix(db, "postgres") {
		dialect, dir = goose.DialectPostgres, "postgres"
	}
	sub, err := fs.Sub(store.Migrations(), dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(dialect, raw.DB, sub, goose.WithAllowOutofOrder(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 18); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM goose_db_version WHERE version_id = 18`); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for q, want := range map[string][]string{
		"langer":          {"abel"},
		"example.ca":      {"abel"},
		"mail.example.ca": {"abel"},
	} {
		if got := logins(t, st, tn.ID, store.UserFilter{Query: q}); !slices.Equal(got, want) {
			t.Errorf("after the back-fill, search %q = %v, want %v", q, got, want)
		}
	}
	if got := logins(t, st, tn.ID, store.UserFilter{Query: "langer", ShowDeactivated: true}); !slices.Equal(got, []string{"abel", "gone"}) {
		t.Errorf("search langer with deactivated = %v, want [abel gone]", got)
	}
}
