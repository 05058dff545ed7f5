package store

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// isUnique reports a UNIQUE constraint failure, portably enough for SQLite
// ("UNIQUE constraint failed") and PostgreSQL ("duplicate key value").
func isUnique(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "duplicate key value")
}

// cleanName is how a name is kept: Unicode NFC, each run of white space as
// one space, trimmed; so "Sales  EMEA" and a decomposed "Ingénierie" are not
// new names.
func cleanName(name string) string { return strings.Join(strings.Fields(norm.NFC.String(name)), " ") }

// nameKey is how names compare for uniqueness: the clean name, case-folded.
func nameKey(name string) string { return strings.ToLower(cleanName(name)) }

// uniqueField names the column of a unique violation on accounts.
func uniqueField(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "accounts.email") || strings.Contains(msg, "accounts_email"):
		return "email"
	case strings.Contains(msg, "accounts.login") || strings.Contains(msg, "accounts_login"):
		return "login"
	}
	return ""
}
