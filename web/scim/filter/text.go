package filter

import (
	"strings"
	"unicode/utf8"

	fp "github.com/scim2/filter-parser/v2"
)

// likeEscape escapes LIKE's wildcards so that the value matches literally;
// the pattern goes with ESCAPE '\'.
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// stringCompare renders a comparison on a string column. Without caseExact
// both sides are lower()ed; co, sw and ew are LIKE with the value's
// wildcards escaped. With caseExact, co, sw and ew avoid LIKE, which SQLite
// compares without regard to case: replace() and substr() are exact in
// SQLite and PostgreSQL alike.
func stringCompare(a Attr, op fp.CompareOperator, v string) (string, []any) {
	e := a.Expr
	notNull := e + " IS NOT NULL AND "
	if !a.CaseExact {
		l := "lower(" + e + ")"
		switch op {
		case fp.NE:
			return e + " IS NULL OR " + l + " <> lower(?)", []any{v}
		case fp.CO:
			return notNull + l + ` LIKE lower(?) ESCAPE '\'`, []any{"%" + likeEscape.Replace(v) + "%"}
		case fp.SW:
			return notNull + l + ` LIKE lower(?) ESCAPE '\'`, []any{likeEscape.Replace(v) + "%"}
		case fp.EW:
			return notNull + l + ` LIKE lower(?) ESCAPE '\'`, []any{"%" + likeEscape.Replace(v)}
		}
		return notNull + l + " " + sqlOps[op] + " lower(?)", []any{v}
	}
	n := utf8.RuneCountInString(v)
	switch op {
	case fp.NE:
		return e + " IS NULL OR " + e + " <> ?", []any{v}
	case fp.CO:
		if v == "" {
			return e + " IS NOT NULL", nil
		}
		return notNull + "replace(" + e + ", ?, '') <> " + e, []any{v}
	case fp.SW:
		return notNull + "substr(" + e + ", 1, ?) = ?", []any{n, v}
	case fp.EW:
		if v == "" {
			return e + " IS NOT NULL", nil
		}
		return notNull + "length(" + e + ") >= ? AND substr(" + e + ", length(" + e + ") - ? + 1) = ?", []any{n, n, v}
	}
	return notNull + e + " " + sqlOps[op] + " ?", []any{v}
}
