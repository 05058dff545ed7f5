package filter

import (
	"errors"
	"strings"

	fp "github.com/scim2/filter-parser/v2"
)

// Limits on what a client may send; beyond them Translate refuses the filter.
const (
	// MaxLength is the longest filter accepted, in bytes.
	MaxLength = 4096
	// MaxComparisons is the most attribute comparisons one filter may hold.
	MaxComparisons = 100
	// MaxDepth is the deepest nesting of parentheses accepted.
	MaxDepth = 16
)

// Translate parses a SCIM filter (RFC 7644 §3.4.2.2) and returns the SQL
// condition it means over the attributes of s, with its arguments for the
// "?" placeholders in order. Attribute names are case-insensitive; a prefix
// naming one of urns (the resource's core schema URNs) is accepted and
// dropped. Anything it does not understand is refused with an *Error, never
// turned into a condition that is always true.
//
// An empty filter is refused too: a caller without a filter lists every
// resource and should not call Translate.
func Translate(filter string, s Schema, urns ...string) (where string, args []any, err error) {
	if strings.TrimSpace(filter) == "" {
		return "", nil, invalid("The filter is empty; omit the filter parameter to list every resource.")
	}
	if len(filter) > MaxLength {
		return "", nil, invalid("The filter is longer than 4096 bytes.")
	}
	masked := maskStrings(filter)
	if err := checkDepth(masked); err != nil {
		return "", nil, err
	}
	text, subs, err := rewriteSubAttrs(filter, masked)
	if err != nil {
		return "", nil, err
	}
	expr, err := fp.ParseFilterNumber([]byte(text))
	if err != nil {
		return "", nil, syntaxError(err)
	}
	t := &translator{schema: s, urns: urns, subs: subs}
	where, err = t.expr(expr, nil)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return "", nil, e
		}
		return "", nil, invalid("The filter could not be understood.")
	}
	return where, t.args, nil
}
