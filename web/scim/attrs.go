package scim

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// projection is what the attributes and excludedAttributes parameters ask
// for (RFC 7644 §3.4.2.5): names lower-cased without the core URN, a
// top-level attribute ("members") or one sub-attribute ("name.givenname").
// id and schemas are always returned.
type projection struct {
	only, except map[string]bool
}

// projectionOf reads the parameters of c for the resource's core urn.
func projectionOf(c echo.Context, urn string) projection {
	return projection{only: attrSet(c.QueryParam("attributes"), urn), except: attrSet(c.QueryParam("excludedAttributes"), urn)}
}

func attrSet(list, urn string) map[string]bool {
	if strings.TrimSpace(list) == "" {
		return nil
	}
	set := map[string]bool{}
	prefix := strings.ToLower(urn) + ":"
	for _, a := range strings.Split(list, ",") {
		a = strings.ToLower(strings.TrimSpace(a))
		a = strings.TrimPrefix(a, prefix)
		if a != "" {
			set[a] = true
		}
	}
	return set
}

// wants reports whether top-level attribute name (lower case) may be
// returned, so a handler can skip reading what is not asked for (a big
// group's members).
func (p projection) wants(name string) bool {
	if p.except[name] {
		return false
	}
	if p.only == nil {
		return true
	}
	if p.only[name] {
		return true
	}
	for k := range p.only {
		if strings.HasPrefix(k, name+".") {
			return true
		}
	}
	return false
}

// apply cuts res down to what p asks for, in place.
func (p projection) apply(res map[string]any) map[string]any {
	if p.only == nil && p.except == nil {
		return res
	}
	for k, v := range res {
		key := strings.ToLower(k)
		if key == "id" || key == "schemas" {
			continue
		}
		if !p.wants(key) {
			delete(res, k)
			continue
		}
		if p.only != nil && !p.only[key] {
			res[k] = p.subs(key, v, func(sub string) bool { return p.only[key+"."+sub] })
		}
		if p.except != nil {
			res[k] = p.subs(key, res[k], func(sub string) bool { return !p.except[key+"."+sub] })
		}
	}
	return res
}

// subs keeps the sub-attributes of a complex value (or of each element of
// a multi-valued one) that keep says to.
func (p projection) subs(_ string, v any, keep func(string) bool) any {
	cut := func(m map[string]any) map[string]any {
		out := map[string]any{}
		for k, x := range m {
			if keep(strings.ToLower(k)) {
				out[k] = x
			}
		}
		return out
	}
	switch x := v.(type) {
	case map[string]any:
		return cut(x)
	case []any:
		out := make([]any, 0, len(x))
		for _, el := range x {
			if m, ok := el.(map[string]any); ok {
				out = append(out, cut(m))
			} else {
				out = append(out, el)
			}
		}
		return out
	}
	return v
}
