package filter

import (
	"fmt"
	"strings"

	fp "github.com/scim2/filter-parser/v2"
)

// marker is the attribute name that stands in the rewritten filter for a
// value path followed by a sub-attribute; "$" is a legal first character of
// an attribute name for the parser and of no attribute of ours.
const marker = "$scimvp"

// subPath is `emails[type eq "work"].value`: the value path and the
// sub-attribute compared after it.
type subPath struct {
	path fp.ValuePath
	sub  string
}

// rewriteSubAttrs accepts `emails[type eq "work"].value eq "x"`, which
// Entra ID and others send although RFC 7644's filter grammar only has it in
// PATCH paths: each `attr[filter].sub` becomes `$scimvpN.sub`, N indexing
// the returned value paths. The comparison then means: some element matches
// filter and its sub matches the comparison.
func rewriteSubAttrs(filter, masked string) (string, []subPath, error) {
	if strings.Contains(strings.ToLower(masked), marker) {
		return "", nil, invalid("The filter names an attribute starting with \"$scimvp\", which is not filterable.")
	}
	var out strings.Builder
	var subs []subPath
	last := 0
	for i := 0; i+1 < len(masked); i++ {
		if masked[i] != ']' || masked[i+1] != '.' {
			continue
		}
		end := i + 2
		for end < len(masked) && isNameChar(masked[end]) {
			end++
		}
		open := strings.LastIndexByte(masked[:i], '[')
		if end == i+2 || open < 0 || strings.IndexByte(masked[open+1:i], ']') >= 0 {
			continue
		}
		start := open
		for start > 0 && masked[start-1] == ' ' {
			start--
		}
		for start > 0 && isPathChar(masked[start-1]) {
			start--
		}
		if start < last {
			continue
		}
		vp, err := fp.ParseValuePathNumber([]byte(filter[start : i+1]))
		if err != nil {
			continue // left as it is: the parser refuses the whole filter
		}
		out.WriteString(filter[last:start])
		fmt.Fprintf(&out, "%s%d.%s", marker, len(subs), filter[i+2:end])
		subs = append(subs, subPath{path: vp, sub: filter[i+2 : end]})
		last = end
		i = end - 1
	}
	out.WriteString(filter[last:])
	return out.String(), subs, nil
}

// isNameChar is the grammar's nameChar: ALPHA / DIGIT / "-" / "_".
func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// isPathChar is a character of an attribute path with its URN prefix.
func isPathChar(c byte) bool {
	return isNameChar(c) || c == '.' || c == ':' || c == '$'
}
