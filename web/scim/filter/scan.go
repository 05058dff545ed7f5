package filter

import (
	"fmt"
	"regexp"
	"strconv"
)

// maskStrings returns filter with the content of every quoted string
// replaced by 'x' (same length, quotes kept), so that scans for brackets
// and parentheses do not see what a client put inside a value.
func maskStrings(filter string) string {
	b := []byte(filter)
	in, escaped := false, false
	for i, c := range b {
		switch {
		case !in:
			in = c == '"'
		case escaped:
			escaped = false
			b[i] = 'x'
		case c == '\\':
			escaped = true
			b[i] = 'x'
		case c == '"':
			in = false
		default:
			b[i] = 'x'
		}
	}
	return string(b)
}

// checkDepth refuses parentheses nested deeper than MaxDepth.
func checkDepth(masked string) error {
	depth := 0
	for i := 0; i < len(masked); i++ {
		switch masked[i] {
		case '(':
			depth++
			if depth > MaxDepth {
				return invalid(fmt.Sprintf("The filter nests parentheses deeper than %d levels (at character %d).", MaxDepth, i+1))
			}
		case ')':
			depth--
		}
	}
	return nil
}

// parsePosition finds the parser's "[line:column]" in its error message.
var parsePosition = regexp.MustCompile(`\[(\d+):(\d+)\]`)

// syntaxError turns the parser's error into an Error naming the position.
func syntaxError(err error) *Error {
	const msg = "The filter is not valid SCIM filter syntax (RFC 7644 §3.4.2.2)"
	m := parsePosition.FindStringSubmatch(err.Error())
	if m == nil {
		return invalid(msg + ".")
	}
	col, _ := strconv.Atoi(m[2])
	if col == 0 {
		return invalid(msg + ".")
	}
	return invalid(fmt.Sprintf("%s near character %d.", msg, col+1))
}
