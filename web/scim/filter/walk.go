package filter

import (
	"fmt"
	"strconv"
	"strings"

	fp "github.com/scim2/filter-parser/v2"
)

// translator renders one parsed filter, collecting its arguments in the
// order of their placeholders.
type translator struct {
	schema      Schema
	urns        []string
	subs        []subPath
	args        []any
	comparisons int
}

// element is the value path being rendered: `emails[...]`.
type element struct {
	parent string // schema key of the multi-valued attribute, "emails"
	name   string // as the client wrote it, for messages
	exists string // the Exists template its sub-attributes share
	seen   bool   // whether exists has been set by a first sub-attribute
}

// expr renders e; el is the enclosing value path, nil at the top.
func (t *translator) expr(e fp.Expression, el *element) (string, error) {
	switch e := e.(type) {
	case *fp.LogicalExpression:
		return t.logical(e, el)
	case *fp.NotExpression:
		inner, err := t.expr(e.Expression, el)
		if err != nil {
			return "", err
		}
		return "NOT (" + inner + ")", nil
	case *fp.ValuePath:
		return t.valuePath(e, el)
	case *fp.AttributeExpression:
		return t.attrExpr(e, el)
	default:
		return "", invalid("The filter holds a construct this service does not support.")
	}
}

// logical renders a chain of the same operator flat: (A) OR (B) OR (C).
func (t *translator) logical(e *fp.LogicalExpression, el *element) (string, error) {
	var operands []fp.Expression
	var collect func(fp.Expression)
	collect = func(x fp.Expression) {
		if l, ok := x.(*fp.LogicalExpression); ok && l.Operator == e.Operator {
			collect(l.Left)
			collect(l.Right)
			return
		}
		operands = append(operands, x)
	}
	collect(e)
	sep := " AND "
	if e.Operator == fp.OR {
		sep = " OR "
	} else if e.Operator != fp.AND {
		return "", invalid(fmt.Sprintf("The logical operator %q is not supported.", e.Operator))
	}
	parts := make([]string, len(operands))
	for i, x := range operands {
		s, err := t.expr(x, el)
		if err != nil {
			return "", err
		}
		parts[i] = "(" + s + ")"
	}
	return strings.Join(parts, sep), nil
}

// valuePath renders `emails[filter]`: some element of emails matches filter.
func (t *translator) valuePath(e *fp.ValuePath, el *element) (string, error) {
	name := e.AttributePath.String()
	if el != nil {
		return "", invalid(fmt.Sprintf("The value path %s is inside another value path, which SCIM filters do not allow.", name))
	}
	parent, err := t.key(e.AttributePath)
	if err != nil {
		return "", err
	}
	inner := &element{parent: parent, name: name}
	cond, err := t.expr(e.ValueFilter, inner)
	if err != nil {
		return "", err
	}
	if inner.exists != "" {
		return strings.Replace(inner.exists, "%s", "("+cond+")", 1), nil
	}
	present, err := t.elementPresent(parent, name)
	if err != nil {
		return "", err
	}
	return "(" + present + ") AND (" + cond + ")", nil
}

// attrExpr renders one comparison, `userName eq "x"`.
func (t *translator) attrExpr(e *fp.AttributeExpression, el *element) (string, error) {
	if n, ok := t.markerIndex(e.AttributePath); ok {
		if el != nil {
			return "", invalid("A value path cannot be used inside another value path.")
		}
		return t.valuePath(t.subValuePath(n, e), nil)
	}
	t.comparisons++
	if t.comparisons > MaxComparisons {
		return "", invalid(fmt.Sprintf("The filter holds more than %d comparisons.", MaxComparisons))
	}
	name := e.AttributePath.String()
	a, err := t.resolve(e.AttributePath, el)
	if err != nil {
		return "", err
	}
	if el != nil {
		if el.seen && el.exists != a.Exists {
			return "", invalid(fmt.Sprintf("The value path %s mixes sub-attributes that are not kept together.", el.name))
		}
		el.exists, el.seen = a.Exists, true
	}
	if el != nil || a.Exists == "" {
		cond, args, err := compare(name, a, e.Operator, e.CompareValue)
		t.args = append(t.args, args...)
		return cond, err
	}
	// A multi-valued attribute at the top: some element matches; ne means
	// no element is equal, the negation of eq, as for single values.
	op := e.Operator
	if op == fp.NE {
		op = fp.EQ
	}
	cond, args, err := compare(name, a, op, e.CompareValue)
	if err != nil {
		return "", err
	}
	t.args = append(t.args, args...)
	cond = strings.Replace(a.Exists, "%s", cond, 1)
	if e.Operator == fp.NE {
		cond = "NOT (" + cond + ")"
	}
	return cond, nil
}

// markerIndex tells whether p is a `$scimvpN` left by rewriteSubAttrs.
func (t *translator) markerIndex(p fp.AttributePath) (int, bool) {
	rest, ok := strings.CutPrefix(p.AttributeName, marker)
	if !ok || p.URIPrefix != nil || p.SubAttribute == nil {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 || n >= len(t.subs) {
		return 0, false
	}
	return n, true
}

// subValuePath turns `emails[F].value op v` into `emails[F and value op v]`.
func (t *translator) subValuePath(n int, e *fp.AttributeExpression) *fp.ValuePath {
	s := t.subs[n]
	sub := s.sub
	return &fp.ValuePath{
		AttributePath: s.path.AttributePath,
		ValueFilter: &fp.LogicalExpression{
			Left: s.path.ValueFilter,
			Right: &fp.AttributeExpression{
				AttributePath: fp.AttributePath{AttributeName: sub},
				Operator:      e.Operator,
				CompareValue:  e.CompareValue,
			},
			Operator: fp.AND,
		},
	}
}
