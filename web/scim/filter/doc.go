// Package filter translates a SCIM 2.0 filter (RFC 7644 §3.4.2.2) into a
// parameterised SQL condition through a whitelist of attributes (Schema).
//
// Supported: eq ne co sw ew gt ge lt le pr; and, or, not (...), parentheses
// with and binding tighter than or; value paths `emails[type eq "work"]`
// (one element matches, at most two comparisons inside, as the grammar has
// it) and `emails[type eq "work"].value eq "x"` (a PATCH-path form Entra ID
// sends as a filter); a core-schema URN prefix; a multi-valued attribute
// compared without sub-attribute means its value (`members eq "2"`).
//
// Semantics: strings that are not caseExact compare lower() of both sides;
// co, sw and ew are LIKE with %, _ and \ escaped (caseExact ones use
// replace() and substr(), because SQLite's LIKE ignores case). ne and not
// include the rows without a value: ne is always the negation of eq. A
// comparison on a multi-valued attribute kept in another table (Attr.Exists)
// holds when some element matches; ne there means no element is equal,
// while inside brackets `members[value ne "1"]` asks for an element that
// differs. Booleans accept true/false and the strings "true"/"false" in any
// case. DateTimes are RFC 3339 strings compared with unix seconds. An id
// that is not the decimal form of an integer matches nothing.
//
// Refused with *Error (scimType invalidFilter): the empty filter (callers
// omit it), syntax errors, attributes not in the Schema, operators the type
// does not allow (gt on a boolean, co on a dateTime, gt on an id), values of
// the wrong type, null values (use pr), nested value paths, value paths
// mixing sub-attributes kept in different tables, more than MaxLength bytes,
// MaxComparisons comparisons or MaxDepth parentheses.
//
// Values always travel as arguments; only Schema's Expr, Present and Exists
// reach the SQL, which uses ? placeholders, lower(), LIKE ... ESCAPE '\',
// replace(), substr(), length(), EXISTS and NOT, portable to PostgreSQL.
package filter
