package store

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/text/unicode/norm"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// isUnique reports a unique violation by its error code: SQLite's extended
// codes for a unique index and a primary key, PostgreSQL's 23505.
func isUnique(err error) bool {
	var le *sqlite.Error
	if errors.As(err, &le) {
		return le.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || le.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// cleanName is how a name is kept: Unicode NFC, each run of white space as
// one space, trimmed; so "Sales  EMEA" and a decomposed "Ingénierie" are not
// new names.
func cleanName(name string) string { return strings.Join(strings.Fields(norm.NFC.String(name)), " ") }

// nameKey is how names compare for uniqueness: the clean name, case-folded.
func nameKey(name string) string { return strings.ToLower(cleanName(name)) }

// uniqueField names the column of a unique violation on accounts: from the
// index PostgreSQL names, or the columns SQLite's message lists (its only
// account of which index it was).
func uniqueField(err error) string {
	msg := err.Error()
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		msg = pe.ConstraintName
	}
	switch {
	case strings.Contains(msg, "accounts.email") || strings.Contains(msg, "accounts_email"):
		return "email"
	case strings.Contains(msg, "accounts.login") || strings.Contains(msg, "accounts_login"):
		return "login"
	}
	return ""
}

// Transient reports an error that says nothing about the change itself: the
// database was busy (SQLite's writer lock held past the busy timeout, a
// table locked) or PostgreSQL gave up a race (serialization failure,
// deadlock, lock timeout). The same change may simply be tried again.
func Transient(err error) bool {
	var le *sqlite.Error
	if errors.As(err, &le) {
		c := le.Code() & 0xff // the primary code of an extended one (SQLITE_BUSY_SNAPSHOT …)
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (retryable(err) || pe.Code == "55P03")
}
