package store

import "strings"

// isUnique reports a UNIQUE constraint failure, portably enough for SQLite
// ("UNIQUE constraint failed") and PostgreSQL ("duplicate key value").
func isUnique(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "duplicate key value")
}

// nameKey is how names compare for uniqueness: trimmed and case-folded.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

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
