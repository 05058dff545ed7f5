package patch

import (
	"encoding/json"
	"strings"
	"time"

	filter "github.com/scim2/filter-parser/v2"
)

// matcher evaluates a value filter against the elements of one
// multi-valued attribute, in memory.
type matcher struct {
	attr *Attr
	expr filter.Expression
}

// match reports whether element el satisfies the filter.
func (m matcher) match(el any) (bool, error) { return m.eval(m.expr, el) }

func (m matcher) eval(e filter.Expression, el any) (bool, error) {
	switch e := e.(type) {
	case *filter.LogicalExpression:
		l, err := m.eval(e.Left, el)
		if err != nil {
			return false, err
		}
		if e.Operator == filter.AND && !l || e.Operator == filter.OR && l {
			return l, nil
		}
		return m.eval(e.Right, el)
	case *filter.NotExpression:
		v, err := m.eval(e.Expression, el)
		return !v, err
	case *filter.AttributeExpression:
		return m.compare(e, el)
	}
	return false, badRequest(InvalidFilter, "unsupported filter inside %s[...]", m.attr.Name)
}

// subOf resolves the attribute a comparison names and the element's value.
// For a multi-valued attribute of simple values, "value" is the element.
func (m matcher) subOf(p filter.AttributePath, el any) (*Attr, any, error) {
	if p.SubAttribute != nil || p.URIPrefix != nil {
		return nil, nil, badRequest(InvalidFilter, "%s: filter on %v is not supported", m.attr.Name, p)
	}
	if m.attr.Type != Complex {
		if !strings.EqualFold(p.AttributeName, "value") {
			return nil, nil, badRequest(InvalidFilter, "%s has no sub-attribute %q", m.attr.Name, p.AttributeName)
		}
		return m.attr, el, nil
	}
	sub := m.attr.sub(p.AttributeName)
	if sub == nil {
		return nil, nil, badRequest(InvalidFilter, "%s has no sub-attribute %q", m.attr.Name, p.AttributeName)
	}
	obj, _ := el.(map[string]any)
	return sub, obj[sub.Name], nil
}

func (m matcher) compare(e *filter.AttributeExpression, el any) (bool, error) {
	sub, have, err := m.subOf(e.AttributePath, el)
	if err != nil {
		return false, err
	}
	if e.Operator == filter.PR {
		return !empty(have), nil
	}
	want, err := filterValue(sub, e.CompareValue)
	if err != nil {
		return false, err
	}
	if want == nil || have == nil {
		// "eq null" asks for absence; any other comparison with nothing is false.
		eq := want == nil && empty(have)
		return e.Operator == filter.EQ && eq || e.Operator == filter.NE && !eq, nil
	}
	if have, err = coerceSimple(sub, have, sub.Name); err != nil {
		return false, nil // a stored value of the wrong type matches nothing
	}
	c, ok := order(sub, have, want)
	switch e.Operator {
	case filter.EQ:
		return ok && c == 0, nil
	case filter.NE:
		return !ok || c != 0, nil
	case filter.GT, filter.GE, filter.LT, filter.LE:
		if sub.Type == Boolean || sub.Type == Binary {
			return false, badRequest(InvalidFilter, "%s cannot be ordered", sub.Name)
		}
		return ok && (e.Operator == filter.GT && c > 0 || e.Operator == filter.GE && c >= 0 ||
			e.Operator == filter.LT && c < 0 || e.Operator == filter.LE && c <= 0), nil
	case filter.CO, filter.SW, filter.EW:
		hs, ok1 := have.(string)
		ws, ok2 := want.(string)
		if !ok1 || !ok2 {
			return false, badRequest(InvalidFilter, "%s %s needs a string attribute", sub.Name, e.Operator)
		}
		if !sub.CaseExact {
			hs, ws = strings.ToLower(hs), strings.ToLower(ws)
		}
		return e.Operator == filter.CO && strings.Contains(hs, ws) ||
			e.Operator == filter.SW && strings.HasPrefix(hs, ws) ||
			e.Operator == filter.EW && strings.HasSuffix(hs, ws), nil
	}
	return false, badRequest(InvalidFilter, "unknown operator %q", e.Operator)
}

// filterValue turns a parsed comparison value into the sub-attribute's type.
// The parser strips the quotes of a string but leaves its escapes.
func filterValue(sub *Attr, v any) (any, error) {
	if s, ok := v.(string); ok && strings.Contains(s, `\`) {
		var u string
		if json.Unmarshal([]byte(`"`+s+`"`), &u) == nil {
			v = u
		}
	}
	if v == nil {
		return nil, nil
	}
	c, err := coerceSimple(sub, v, sub.Name)
	if err != nil {
		return nil, badRequest(InvalidFilter, "%v is not a valid %s for %s", v, sub.Type, sub.Name)
	}
	return c, nil
}

// order compares two coerced values of sub's type; ok is false when they
// cannot be compared.
func order(sub *Attr, a, b any) (int, bool) {
	switch sub.Type {
	case Boolean:
		x, _ := a.(bool)
		y, _ := b.(bool)
		if x == y {
			return 0, true
		}
		return 1, true
	case Integer, Decimal:
		x, ok1 := toFloat(a)
		y, ok2 := toFloat(b)
		return cmpFloat(x, y), ok1 && ok2
	case DateTime:
		x, err1 := time.Parse(time.RFC3339Nano, a.(string))
		y, err2 := time.Parse(time.RFC3339Nano, b.(string))
		return x.Compare(y), err1 == nil && err2 == nil
	}
	x, _ := a.(string)
	y, _ := b.(string)
	if !sub.CaseExact {
		x, y = strings.ToLower(x), strings.ToLower(y)
	}
	return strings.Compare(x, y), true
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// eqTerms returns the sub-attribute values a filter pins with "eq" terms
// joined by "and", so a missing element can be created from it; ok is false
// for any other filter.
func (m matcher) eqTerms(e filter.Expression, into map[string]any) (bool, error) {
	switch e := e.(type) {
	case *filter.LogicalExpression:
		if e.Operator != filter.AND {
			return false, nil
		}
		ok, err := m.eqTerms(e.Left, into)
		if !ok || err != nil {
			return ok, err
		}
		return m.eqTerms(e.Right, into)
	case *filter.AttributeExpression:
		if e.Operator != filter.EQ || m.attr.Type != Complex {
			return false, nil
		}
		sub, _, err := m.subOf(e.AttributePath, nil)
		if err != nil {
			return false, err
		}
		v, err := filterValue(sub, e.CompareValue)
		if err != nil || v == nil {
			return false, err
		}
		into[sub.Name] = v
		return true, nil
	}
	return false, nil
}
