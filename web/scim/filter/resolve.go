package filter

import (
	"fmt"
	"slices"
	"strings"

	fp "github.com/scim2/filter-parser/v2"
)

// key is the schema key of a top-level attribute path: lower case, without
// a prefix naming one of the core URNs, with any other URN kept.
func (t *translator) key(p fp.AttributePath) (string, error) {
	name := p.AttributeName
	if p.SubAttribute != nil {
		name += "." + *p.SubAttribute
	}
	name = strings.ToLower(name)
	if p.URIPrefix == nil {
		return name, nil
	}
	uri := *p.URIPrefix
	for _, u := range t.urns {
		if strings.EqualFold(u, uri) {
			return name, nil
		}
	}
	return strings.ToLower(uri) + ":" + name, nil
}

// resolve finds the whitelisted attribute a comparison names; inside a value
// path the name is a sub-attribute of the element.
func (t *translator) resolve(p fp.AttributePath, el *element) (Attr, error) {
	name := p.String()
	if el != nil {
		if p.URIPrefix != nil {
			return Attr{}, invalid(fmt.Sprintf("The attribute %s inside the value path %s cannot carry a schema URN.", name, el.name))
		}
		k := el.parent + "." + strings.ToLower(name)
		if a, ok := t.schema[k]; ok {
			return a, nil
		}
		return Attr{}, invalid(fmt.Sprintf("The attribute %s.%s is not filterable.", el.name, name))
	}
	k, err := t.key(p)
	if err != nil {
		return Attr{}, err
	}
	if a, ok := t.schema[k]; ok {
		return a, nil
	}
	// RFC 7644 §3.4.2.2: a multi-valued attribute compared without a
	// sub-attribute (`emails co "example.com"`) means its value.
	if a, ok := t.schema[k+".value"]; ok && p.SubAttribute == nil {
		return a, nil
	}
	return Attr{}, invalid(fmt.Sprintf("The attribute %s is not filterable.", name))
}

// elementPresent is the condition under which an element of the
// multi-valued attribute parent exists: its own entry's presence when the
// schema has one, else any of its sub-attributes is present.
func (t *translator) elementPresent(parent, name string) (string, error) {
	if a, ok := t.schema[parent]; ok && a.Exists == "" {
		return present(a), nil
	}
	var conds []string
	for k, a := range t.schema {
		if strings.HasPrefix(k, parent+".") && a.Exists == "" {
			conds = append(conds, present(a))
		}
	}
	if len(conds) == 0 {
		return "", invalid(fmt.Sprintf("The attribute %s is not filterable.", name))
	}
	slices.Sort(conds)
	conds = slices.Compact(conds)
	if len(conds) == 1 {
		return conds[0], nil
	}
	return "(" + strings.Join(conds, ") OR (") + ")", nil
}

// present is the attribute's condition for pr.
func present(a Attr) string {
	switch {
	case a.Present != "":
		return a.Present
	case a.Const != nil:
		return "1 = 1"
	case a.Type == String:
		return a.Expr + " IS NOT NULL AND " + a.Expr + " <> ''"
	default:
		return a.Expr + " IS NOT NULL"
	}
}
