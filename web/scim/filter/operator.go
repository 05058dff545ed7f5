package filter

import (
	"fmt"
	"slices"

	fp "github.com/scim2/filter-parser/v2"
)

// operators are the comparisons each type allows (RFC 7644 §3.4.2.2: gt,
// ge, lt, le on a boolean are invalidFilter; co, sw, ew only make sense on
// strings).
var operators = map[Type][]fp.CompareOperator{
	String:    {fp.EQ, fp.NE, fp.CO, fp.SW, fp.EW, fp.GT, fp.GE, fp.LT, fp.LE, fp.PR},
	Boolean:   {fp.EQ, fp.NE, fp.PR},
	DateTime:  {fp.EQ, fp.NE, fp.GT, fp.GE, fp.LT, fp.LE, fp.PR},
	Integer:   {fp.EQ, fp.NE, fp.GT, fp.GE, fp.LT, fp.LE, fp.PR},
	Reference: {fp.EQ, fp.NE, fp.PR},
}

// typeNames name the types in messages.
var typeNames = map[Type]string{
	String: "a string", Boolean: "a boolean", DateTime: "a dateTime",
	Integer: "an integer", Reference: "a reference",
}

// checkOperator refuses an operator the attribute's type does not allow.
func checkOperator(name string, t Type, op fp.CompareOperator) error {
	ops, ok := operators[t]
	if !ok {
		return invalid(fmt.Sprintf("The attribute %s has a type this service cannot filter on.", name))
	}
	if !slices.Contains(ops, op) {
		return invalid(fmt.Sprintf("The operator %q cannot be used on %s, which is %s attribute.", op, name, typeNames[t]))
	}
	return nil
}
