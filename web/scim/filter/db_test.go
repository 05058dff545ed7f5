package filter

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	_ "modernc.org/sqlite"
)

// lastModified is 2011-05-13T04:42:34Z, RFC 7644's example instant.
const lastModified = 1305261754

// fixture is a tiny console: five accounts (one email column, as the
// console keeps it), their emails again in a table of their own (to test
// multi-valued attributes kept apart), and three groups.
const fixture = `
CREATE TABLE accounts (id INTEGER PRIMARY KEY, login TEXT NOT NULL, given TEXT, email TEXT,
	external_id TEXT, active INTEGER NOT NULL, updated_at INTEGER NOT NULL);
INSERT INTO accounts VALUES
	(1, 'alice', 'Alice', 'alice@example.com', 'EXT-1', 1, 1305261754),
	(2, 'bob', 'Bob', 'BOB@Example.COM', NULL, 0, 1305261755),
	(3, 'car%l', NULL, NULL, 'ext-1', 1, 1305261753),
	(4, 'dan_x', 'Dan', 'dan@other.org', '', 1, 1700000000),
	(5, 'e\ve', NULL, '', NULL, 0, 0);
CREATE TABLE emails (account_id INTEGER NOT NULL, value TEXT NOT NULL, type TEXT, is_primary INTEGER NOT NULL);
INSERT INTO emails VALUES
	(1, 'alice@example.com', 'work', 1), (1, 'alice@home.net', 'home', 0),
	(2, 'bob@other.org', 'work', 1), (2, 'bob@example.com', 'home', 0),
	(4, 'dan@example.com', 'work', 0);
CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO groups VALUES (10, 'Admins'), (11, 'Staff'), (12, 'Empty');
CREATE TABLE group_members (group_id INTEGER NOT NULL, account_id INTEGER NOT NULL);
INSERT INTO group_members VALUES (10, 1), (10, 2), (11, 3);
`

// userURN is the core User schema URN.
const userURN = "urn:ietf:params:scim:schemas:core:2.0:User"

// emailPresent is the console's condition for an account having its email.
const emailPresent = "a.email IS NOT NULL AND a.email <> ''"

// users is the whitelist of the console's Users: one email per account,
// always of type work and primary.
var users = Schema{
	"username":          {Expr: "a.login", Type: String},
	"name.givenname":    {Expr: "a.given", Type: String},
	"emails.value":      {Expr: "a.email", Type: String, Present: emailPresent},
	"emails.type":       {Const: "work", Type: String, Present: emailPresent},
	"emails.primary":    {Const: true, Type: Boolean, Present: emailPresent},
	"externalid":        {Expr: "a.external_id", Type: String, CaseExact: true},
	"active":            {Expr: "a.active", Type: Boolean},
	"id":                {Expr: "a.id", Type: Reference},
	"meta.lastmodified": {Expr: "a.updated_at", Type: DateTime},
}

// emailsApart is Users with emails kept in their own table.
var emailsApart = Schema{
	"username":       {Expr: "a.login", Type: String},
	"emails.value":   {Expr: "e.value", Type: String, Exists: emailsExists},
	"emails.type":    {Expr: "e.type", Type: String, Exists: emailsExists},
	"emails.primary": {Expr: "e.is_primary", Type: Boolean, Exists: emailsExists},
}

const emailsExists = "EXISTS (SELECT 1 FROM emails e WHERE e.account_id = a.id AND %s)"

// groups is the whitelist of Groups; members live in group_members.
var groups = Schema{
	"displayname":   {Expr: "g.name", Type: String},
	"id":            {Expr: "g.id", Type: Reference},
	"members.value": {Expr: "gm.account_id", Type: Reference, Exists: "EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND %s)"},
}

// openFixture opens a fresh database holding the fixture.
func openFixture(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(fixture); err != nil {
		t.Fatal(err)
	}
	return db
}

// selectIDs translates filter and runs it on from (e.g. "accounts a"),
// returning the ids of the rows it selects.
func selectIDs(t *testing.T, db *sql.DB, from, idExpr, filter string, s Schema) []int64 {
	t.Helper()
	where, args, err := Translate(filter, s, userURN)
	if err != nil {
		t.Fatalf("Translate(%q): %v", filter, err)
	}
	rows, err := db.Query(fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY 1", idExpr, from, where), args...)
	if err != nil {
		t.Fatalf("filter %q gave SQL %q that fails: %v", filter, where, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// selectCase is one filter and the ids it must select.
type selectCase struct {
	name   string
	filter string
	want   []int64
}

// runSelect checks each case on a fresh fixture.
func runSelect(t *testing.T, from, idExpr string, s Schema, cases []selectCase) {
	t.Helper()
	db := openFixture(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := selectIDs(t, db, from, idExpr, c.filter, s)
			if !slices.Equal(got, c.want) {
				where, args, _ := Translate(c.filter, s, userURN)
				t.Errorf("filter %q selected %v, want %v\nSQL: %s\nargs: %v", c.filter, got, c.want, where, args)
			}
		})
	}
}

// asError checks that err is the invalidFilter Error.
func asError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *filter.Error", err, err)
	}
	if e.ScimType != "invalidFilter" {
		t.Errorf("ScimType = %q, want invalidFilter", e.ScimType)
	}
	if e.Detail == "" {
		t.Error("Detail is empty")
	}
	return e
}
