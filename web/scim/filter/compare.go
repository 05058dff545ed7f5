package filter

import (
	"errors"
	"fmt"

	fp "github.com/scim2/filter-parser/v2"
)

// Conditions a comparison reduces to when its answer does not depend on the row.
const (
	never  = "1 = 0"
	always = "1 = 1"
)

// sqlOps are the SQL operators of the ordering comparisons.
var sqlOps = map[fp.CompareOperator]string{
	fp.EQ: "=", fp.GT: ">", fp.GE: ">=", fp.LT: "<", fp.LE: "<=",
}

// compare renders one comparison on attribute a (named name in messages)
// with its arguments. The condition is parenthesised and never NULL, so that
// NOT and ne include the rows without a value, as they must.
func compare(name string, a Attr, op fp.CompareOperator, raw any) (string, []any, error) {
	if err := checkOperator(name, a.Type, op); err != nil {
		return "", nil, err
	}
	if op == fp.PR {
		return "(" + present(a) + ")", nil, nil
	}
	if raw == nil {
		return "", nil, invalid(fmt.Sprintf("The attribute %s is compared with null; use \"%s pr\" or \"not (%s pr)\" instead.", name, name, name))
	}
	v, err := convert(name, a, raw)
	if errors.Is(err, ErrNoMatch) {
		if op == fp.NE {
			return "(" + always + ")", nil, nil
		}
		return "(" + never + ")", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	if a.Const != nil {
		cond, err := constCompare(name, a, op, v.arg)
		return "(" + cond + ")", nil, err
	}
	var cond string
	var args []any
	s, isString := v.arg.(string)
	switch {
	case a.Type == String && isString:
		cond, args = stringCompare(a, op, s)
	case sqlOps[op] == "" && op != fp.NE:
		return "", nil, invalid(fmt.Sprintf("The operator %q cannot be used on %s.", op, name))
	default:
		cond, args = orderedCompare(a, op, v)
	}
	return "(" + cond + ")", args, nil
}

// orderedCompare renders a comparison on an integer, boolean, reference or
// dateTime column (or a string one with a converted value). A dateTime with
// a fraction of a second is compared with the whole seconds stored: gt/ge
// mean after its second, lt/le up to its second, eq never holds.
func orderedCompare(a Attr, op fp.CompareOperator, v operand) (string, []any) {
	e := a.Expr
	if v.fraction {
		switch op {
		case fp.EQ:
			return never, nil
		case fp.NE:
			return always, nil
		case fp.GT, fp.GE:
			op = fp.GT
		case fp.LT, fp.LE:
			op = fp.LE
		}
	}
	if op == fp.NE {
		return e + " IS NULL OR " + e + " <> ?", []any{v.arg}
	}
	return e + " IS NOT NULL AND " + e + " " + sqlOps[op] + " ?", []any{v.arg}
}
