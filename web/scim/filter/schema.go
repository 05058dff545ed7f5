package filter

import "errors"

// Type is the SCIM data type of a whitelisted attribute; it decides which
// operators a filter may use on it and how the filter's value is converted.
type Type int

const (
	// String is a SCIM string: every operator; co, sw and ew become LIKE.
	String Type = iota
	// Boolean is a SCIM boolean: eq, ne and pr only.
	Boolean
	// DateTime is a SCIM dateTime stored as unix seconds (BIGINT); the
	// filter's value is an RFC 3339 string. eq, ne, gt, ge, lt, le and pr.
	DateTime
	// Integer is a SCIM integer: eq, ne, gt, ge, lt, le and pr.
	Integer
	// Reference is an identifier kept as an integer column (id,
	// members.value): eq, ne and pr. A value that is not the decimal form of
	// an integer is not one of ours and matches nothing.
	Reference
)

// Attr says how one filterable attribute is found in SQL.
type Attr struct {
	// Expr is the SQL expression holding the value, e.g. "a.login". It is
	// copied into the SQL as is: it must come from code, never from a client.
	Expr string
	// Type is the attribute's SCIM type.
	Type Type
	// CaseExact is SCIM's caseExact. When false (userName, emails.value,
	// displayName), strings are compared as lower(Expr) with lower(?).
	CaseExact bool
	// Const, when non-nil, is the attribute's value on every row where
	// Present holds (emails.type = "work", emails.primary = true); Expr is
	// then unused. Comparisons with it are decided here, not in SQL.
	Const any
	// Present is the SQL condition for pr and for the existence of the
	// element, e.g. "a.email IS NOT NULL". It must never be NULL (use
	// IS NOT NULL, not a bare column). Empty means Expr IS NOT NULL, plus
	// Expr <> '' for strings.
	Present string
	// Exists, for a multi-valued attribute kept in another table, is a
	// correlated subquery with one %s where the condition goes, e.g.
	// "EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND %s)"
	// with Expr "gm.account_id".
	Exists string
	// Value, when set, converts the filter's value (a string, or a number's
	// text) to the SQL argument. An error refuses the filter as
	// invalidFilter, except ErrNoMatch, which makes the comparison match
	// no row (an id that is not one of ours).
	Value func(string) (any, error)
}

// Schema is the whitelist of filterable attributes of one resource type.
// Keys are lower-case attribute paths without the core schema URN:
// "username", "name.givenname", "emails.value", "members.value". An
// extension attribute is keyed by its full lower-case URN path, e.g.
// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber".
type Schema map[string]Attr

// ErrNoMatch is what an Attr's Value returns for a value that no row can
// have, e.g. an id that is not the decimal form of one of our integers.
var ErrNoMatch = errors.New("filter: value matches no resource")
