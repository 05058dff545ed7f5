package main

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/console-dev/console/internal/testdb"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/store/storetest"
)

// TestCopyToPostgres moves a seeded console (a tenant tree, people, groups,
// roles, projects, an avatar, a session, audit events) from SQLite to
// PostgreSQL and checks that the console on PostgreSQL holds the same data:
// every row of every table, the users page, the avatar, the signed-in
// session; that a second copy is refused and changes nothing; and that new
// rows get ids after the copied ones.
func TestCopyToPostgres(t *testing.T) {
	needPostgres(t)
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "console.db")
	if err := seed(ctx, []string{"--db", path, "--users", "60"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".key", []byte(strings.Repeat("ab", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lite, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	demo, err := lite.TenantBySlug(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	admin, err := lite.AccountByEmail(ctx, demo.ID, "admin@demo.example.com")
	if err != nil {
		t.Fatal(err)
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff") // NUL and high bytes: a real blob
	key, err := lite.SetAvatar(ctx, store.Actor{TenantID: demo.ID, AccountID: admin.ID, IP: "test"}, png)
	if err != nil {
		t.Fatal(err)
	}
	if err := lite.CreateSession(ctx, "session-hash", admin.ID, `{"csrf":"x"}`); err != nil {
		t.Fatal(err)
	}
	litePage, err := lite.ListUsers(ctx, demo.ID, store.UserFilter{Limit: 25})
	if err != nil {
		t.Fatal(err)
	}
	lite.Close()

	url := storetest.DB(t)
	dst := testdb.Open(t, url)
	schema := indexesAndConstraints(t, dst)
	var out bytes.Buffer
	if err := copyDatabase(ctx, path, url, &out); err != nil {
		t.Fatalf("copy: %v\n%s", err, out.String())
	}
	// The copy sets indexes and foreign keys aside while it fills a table: all
	// must be back as the migrations made them.
	if got := indexesAndConstraints(t, dst); !slices.Equal(got, schema) {
		t.Errorf("the copy changed the target's indexes or constraints:\n lost   %q\n gained %q", without(schema, got), without(got, schema))
	}
	if !strings.Contains(out.String(), "row counts verified") || !strings.Contains(out.String(), "CONSOLE_SECRET_KEY=$(cat "+path+".key)") {
		t.Errorf("the summary does not say the counts were checked and where the secret key is:\n%s", out.String())
	}
	src := testdb.Open(t, path)
	tables := sourceTables(t, src)
	before := tableRows(t, src, tables)
	for _, want := range []string{"tenants", "accounts", "user_groups", "group_members", "roles", "account_roles",
		"projects", "project_users", "avatars", "sessions", "audit_events", "tenant_members"} {
		if len(before[want]) == 0 {
			t.Errorf("the seeded database holds no %s: the test proves nothing about them", want)
		}
	}
	after := tableRows(t, dst, tables)
	for table, rows := range before {
		if !slices.Equal(rows, after[table]) {
			t.Errorf("%s: %d rows on SQLite, %d on PostgreSQL, not the same:\n sqlite   %.300v\n postgres %.300v",
				table, len(rows), len(after[table]), rows, after[table])
		}
	}
	if n := postgresTables(t, dst); n != len(tables) {
		t.Errorf("PostgreSQL has %d tables, SQLite %d", n, len(tables))
	}

	pg, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if in, err := pg.SignedInAs(ctx, "session-hash", ""); err != nil || in.Account.ID != admin.ID || !in.Allowed {
		t.Errorf("the session made on SQLite, on PostgreSQL: account %d (acting: %v), %v; want %d", in.Account.ID, in.Allowed, err, admin.ID)
	}
	if got, err := pg.Avatar(ctx, demo.ID, key); err != nil || !bytes.Equal(got, png) {
		t.Errorf("avatar on PostgreSQL = %q, %v; want %q", got, err, png)
	}
	if pgPage, err := pg.ListUsers(ctx, demo.ID, store.UserFilter{Limit: 25}); err != nil {
		t.Errorf("users page on PostgreSQL: %v", err)
	} else if a, b := pageNames(litePage), pageNames(pgPage); !slices.Equal(a, b) {
		t.Errorf("users page:\n sqlite   %v\n postgres %v", a, b)
	}

	// A second copy finds rows and leaves the target as it was.
	out.Reset()
	err = copyDatabase(ctx, path, url, &out)
	if !errors.Is(err, store.ErrTargetNotEmpty) || !strings.Contains(err.Error(), "accounts") {
		t.Errorf("second copy: %v; want it refused, naming the tables holding rows", err)
	}
	if again := tableRows(t, dst, tables); !maps.EqualFunc(after, again, slices.Equal) {
		t.Error("the refused copy changed the target")
	}

	// Every identity column hands out ids past the copied ones, to the store's
	// own inserts too.
	for table, top := range identityTops(t, dst) {
		var next int64
		if err := dst.QueryRow(`SELECT nextval(pg_get_serial_sequence('` + table + `', 'id'))`).Scan(&next); err != nil {
			t.Fatal(err)
		}
		if next <= top {
			t.Errorf("%s: the next id is %d, not past the copied %d", table, next, top)
		}
	}
	g, err := pg.CreateGroup(ctx, store.Actor{TenantID: demo.ID, AccountID: admin.ID, IP: "test"}, "After the move", "")
	if err != nil {
		t.Fatalf("a group created on PostgreSQL after the copy: %v", err)
	}
	if top := identityTops(t, dst)["user_groups"]; g.ID != top || g.ID <= int64(len(before["user_groups"])) {
		t.Errorf("new group id %d (highest %d, %d copied)", g.ID, top, len(before["user_groups"]))
	}
}

// TestCopyFailsWhole: a row PostgreSQL cannot take (text that is not UTF-8,
// a row whose parent is gone, both of which an old SQLite file can hold)
// stops the copy with the table named, and the target is left empty, so that
// the copy can run again once the row is fixed.
func TestCopyFailsWhole(t *testing.T) {
	needPostgres(t)
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name, breakRow string
		want           []string
	}{
		{"text not UTF-8", `UPDATE accounts SET first_name = CAST(X'C328' AS TEXT) WHERE id = (SELECT max(id) FROM accounts)`,
			[]string{"accounts", "first_name", "UTF-8"}},
		{"orphan row", `INSERT INTO group_members (tenant_id, group_id, account_id, sort_name) SELECT tenant_id, id, 999999, 'ghost' FROM user_groups LIMIT 1`,
			[]string{"group_members", "foreign key", "999999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "console.db")
			if err := seed(ctx, []string{"--db", path, "--users", "3"}); err != nil {
				t.Fatal(err)
			}
			src := testdb.Open(t, path) // foreign keys not enforced on this connection
			if _, err := src.Exec(tc.breakRow); err != nil {
				t.Fatal(err)
			}
			url := storetest.DB(t)
			err := copyDatabase(ctx, path, url, new(bytes.Buffer))
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Fatalf("copy: %v; want an error saying %q", err, w)
				}
			}
			dst := testdb.Open(t, url)
			for table, rows := range tableRows(t, dst, sourceTables(t, src)) {
				if len(rows) > 0 {
					t.Errorf("the failed copy left %d rows in %s", len(rows), table)
				}
			}
			for table := range identityTops(t, dst) {
				var next int64
				if err := dst.QueryRow(`SELECT nextval(pg_get_serial_sequence('` + table + `', 'id'))`).Scan(&next); err != nil || next != 1 {
					t.Errorf("%s: after the failed copy the next id is %d (%v), want 1", table, next, err)
				}
			}
			var fks int
			if err := dst.QueryRow(`SELECT count(*) FROM pg_constraint WHERE contype = 'f'`).Scan(&fks); err != nil || fks < 10 {
				t.Errorf("after the failed copy the target holds %d foreign keys (%v)", fks, err)
			}
		})
	}
}

// TestCopyRefusesWrongArguments names what is wrong before touching anything.
func TestCopyRefusesWrongArguments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, tc := range []struct{ from, to, want string }{
		{"", "postgres://localhost/x", "both required"},
		{"postgres://localhost/a", "postgres://localhost/b", "SQLite file"},
		{"console.db", "other.db", "must be a postgres:// URL"},
		{missing, "postgres://localhost/x", "no such file"},
	} {
		err := copyDatabase(ctx, tc.from, tc.to, new(bytes.Buffer))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("copy --from %q --to %q: %v; want %q", tc.from, tc.to, err, tc.want)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("a mistyped --from made a new SQLite file")
	}
}
