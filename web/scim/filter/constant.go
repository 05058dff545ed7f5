package filter

import (
	"cmp"
	"fmt"
	"strings"

	fp "github.com/scim2/filter-parser/v2"
)

// constCompare decides a comparison with an attribute that has the same
// value on every row where it is present (emails.type is "work"): the
// condition is then its presence, or never. ne is the negation of eq, so
// it holds on the rows without the attribute too.
func constCompare(name string, a Attr, op fp.CompareOperator, v any) (string, error) {
	holds, err := constHolds(a, op, v)
	if err != nil {
		return "", invalid(fmt.Sprintf("The attribute %s cannot be compared with that value.", name))
	}
	switch {
	case op == fp.NE && holds:
		return always, nil
	case op == fp.NE:
		return "NOT (" + present(a) + ")", nil
	case holds:
		return present(a), nil
	default:
		return never, nil
	}
}

// constHolds compares a's constant with v; for ne it answers eq, which
// constCompare negates.
func constHolds(a Attr, op fp.CompareOperator, v any) (bool, error) {
	if op == fp.NE {
		op = fp.EQ
		eq, err := constHolds(a, op, v)
		return !eq, err
	}
	switch c := a.Const.(type) {
	case string:
		s, ok := v.(string)
		if !ok {
			return false, fmt.Errorf("not a string")
		}
		if !a.CaseExact {
			c, s = strings.ToLower(c), strings.ToLower(s)
		}
		switch op {
		case fp.CO:
			return strings.Contains(c, s), nil
		case fp.SW:
			return strings.HasPrefix(c, s), nil
		case fp.EW:
			return strings.HasSuffix(c, s), nil
		}
		return ordered(op, cmp.Compare(c, s)), nil
	case bool:
		b, ok := v.(bool)
		if !ok || op != fp.EQ {
			return false, fmt.Errorf("not a boolean")
		}
		return b == c, nil
	case int:
		return constInt(op, int64(c), v)
	case int64:
		return constInt(op, c, v)
	}
	return false, fmt.Errorf("unsupported constant %T", a.Const)
}

// constInt compares an integer constant.
func constInt(op fp.CompareOperator, c int64, v any) (bool, error) {
	n, ok := v.(int64)
	if !ok {
		return false, fmt.Errorf("not an integer")
	}
	return ordered(op, cmp.Compare(c, n)), nil
}

// ordered applies an ordering operator to the result of cmp.Compare.
func ordered(op fp.CompareOperator, r int) bool {
	switch op {
	case fp.EQ:
		return r == 0
	case fp.GT:
		return r > 0
	case fp.GE:
		return r >= 0
	case fp.LT:
		return r < 0
	case fp.LE:
		return r <= 0
	}
	return false
}
