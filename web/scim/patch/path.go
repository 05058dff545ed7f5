package patch

import (
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// target is a parsed PATCH path resolved against the schema.
type target struct {
	ext    *Schema // the extension holding attr; nil for the core schema
	attr   *Attr   // nil: the whole extension ext
	filter filter.Expression
	sub    *Attr
	text   string
}

// pathError says why a path was refused; readOnly marks a valid path to a
// read-only attribute (ignored inside values, refused as an explicit path).
type pathError struct {
	err      *Error
	readOnly bool
	unknown  bool
}

// parsePath resolves attr, attr.sub, attr[filter], attr[filter].sub, each
// optionally URN-prefixed, case-insensitively. The library's ParsePath only
// accepts one and/or of two comparisons inside brackets and no parentheses,
// so the brackets are split off here and their filter parsed by ParseFilter.
func parsePath(s *Schema, path string) (target, *pathError) {
	t := target{text: path}
	rest := strings.TrimSpace(path)
	if strings.HasPrefix(strings.ToLower(rest), "urn:") {
		var ok bool
		if t.ext, rest, ok = splitURN(s, rest); !ok {
			return t, unknownPath(path)
		}
		if rest == "" {
			if t.ext == nil {
				return t, &pathError{err: badRequest(InvalidPath, "path %q names the core schema, not an attribute", path)}
			}
			return t, nil
		}
	}
	attrText, filterText, subText, perr := splitBrackets(rest, path)
	if perr != nil {
		return t, perr
	}
	ap, err := filter.ParseAttrPath([]byte(attrText))
	if err != nil || ap.URIPrefix != nil {
		return t, &pathError{err: badRequest(InvalidPath, "path %q is malformed", path)}
	}
	attrs := s.Attrs
	if t.ext != nil {
		attrs = t.ext.Attrs
	}
	t.attr = find(attrs, ap.AttributeName)
	if t.attr == nil && t.ext == nil {
		t.ext, t.attr = findInExtensions(s, ap.AttributeName)
	}
	if t.attr == nil {
		if strings.EqualFold(ap.AttributeName, "schemas") {
			return t, &pathError{err: badRequest(Mutability, "schemas cannot be patched"), readOnly: true}
		}
		return t, unknownPath(path)
	}
	if ap.SubAttribute != nil {
		if filterText != "" {
			return t, &pathError{err: badRequest(InvalidPath, "path %q is malformed", path)}
		}
		subText = *ap.SubAttribute
	}
	if filterText != "" {
		if !t.attr.Multi {
			return t, &pathError{err: badRequest(InvalidPath, "%s is not multi-valued and takes no filter", t.attr.Name)}
		}
		if t.filter, err = filter.ParseFilterNumber([]byte(filterText)); err != nil {
			return t, &pathError{err: badRequest(InvalidFilter, "filter in path %q is malformed", path)}
		}
	}
	if subText != "" {
		if t.attr.Type != Complex {
			return t, &pathError{err: badRequest(InvalidPath, "%s has no sub-attributes", t.attr.Name)}
		}
		if t.sub = t.attr.sub(subText); t.sub == nil {
			return t, unknownPath(path)
		}
	}
	if t.attr.readOnly() || (t.sub != nil && t.sub.readOnly()) {
		return t, &pathError{err: badRequest(Mutability, "%s is read-only", path), readOnly: true}
	}
	return t, nil
}

func unknownPath(path string) *pathError {
	return &pathError{err: badRequest(InvalidPath, "no attribute %q in this resource", path), unknown: true}
}

// splitURN strips a schema URN prefix; ext is nil for the core schema.
func splitURN(s *Schema, path string) (ext *Schema, rest string, ok bool) {
	lower := strings.ToLower(path)
	match := func(urn string) (string, bool) {
		u := strings.ToLower(urn)
		if lower == u {
			return "", true
		}
		if strings.HasPrefix(lower, u+":") {
			return path[len(u)+1:], true
		}
		return "", false
	}
	for i := range s.Extensions {
		if r, ok := match(s.Extensions[i].URN); ok {
			return &s.Extensions[i], r, true
		}
	}
	if r, ok := match(s.URN); ok {
		return nil, r, true
	}
	return nil, "", false
}

// findInExtensions finds an unqualified name in exactly one extension
// (clients sometimes send "department" for the enterprise attribute).
func findInExtensions(s *Schema, name string) (*Schema, *Attr) {
	var ext *Schema
	var attr *Attr
	for i := range s.Extensions {
		if a := find(s.Extensions[i].Attrs, name); a != nil {
			if attr != nil {
				return nil, nil
			}
			ext, attr = &s.Extensions[i], a
		}
	}
	return ext, attr
}

// splitBrackets splits "attr[filter].sub" honouring quoted strings.
func splitBrackets(rest, path string) (attr, filt, sub string, perr *pathError) {
	open := strings.IndexByte(rest, '[')
	if open < 0 {
		return rest, "", "", nil
	}
	bad := &pathError{err: badRequest(InvalidPath, "path %q is malformed", path)}
	inString, escaped := false, false
	for i := open + 1; i < len(rest); i++ {
		c := rest[i]
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && c == ']':
			after := rest[i+1:]
			if after != "" && (after[0] != '.' || len(after) == 1) {
				return "", "", "", bad
			}
			filt = strings.TrimSpace(rest[open+1 : i])
			if filt == "" {
				return "", "", "", bad
			}
			return strings.TrimSpace(rest[:open]), filt, strings.TrimPrefix(after, "."), nil
		}
	}
	return "", "", "", bad
}
