package filter

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// operand is a filter value converted for SQL.
type operand struct {
	arg      any
	fraction bool // a dateTime with a fraction of a second, arg its whole second
}

// convert turns the filter's value (string, bool or json.Number from the
// parser) into the SQL argument for attribute a.
func convert(name string, a Attr, raw any) (operand, error) {
	if s, ok := raw.(string); ok {
		u, err := unescape(s)
		if err != nil {
			return operand{}, invalid(fmt.Sprintf("The value compared with %s is not a valid JSON string.", name))
		}
		raw = u
	}
	if a.Value != nil && a.Type != Boolean {
		return custom(name, a, raw)
	}
	switch a.Type {
	case String:
		if s, ok := raw.(string); ok {
			return operand{arg: s}, nil
		}
		return operand{}, wrongType(name, "a string")
	case Boolean:
		return boolean(name, raw)
	case Integer:
		if n, ok := raw.(json.Number); ok {
			if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
				return operand{arg: i}, nil
			}
		}
		return operand{}, wrongType(name, "an integer")
	case DateTime:
		return dateTime(name, raw)
	case Reference:
		return reference(name, raw)
	}
	return operand{}, invalid(fmt.Sprintf("The attribute %s has a type this service cannot filter on.", name))
}

// unescape decodes the JSON escapes the parser leaves in a string value.
func unescape(s string) (string, error) {
	if !strings.ContainsRune(s, '\\') {
		return s, nil
	}
	var out string
	err := json.Unmarshal([]byte(`"`+s+`"`), &out)
	return out, err
}

// custom runs the attribute's own conversion on the value's text.
func custom(name string, a Attr, raw any) (operand, error) {
	var text string
	switch v := raw.(type) {
	case string:
		text = v
	case json.Number:
		text = string(v)
	default:
		return operand{}, wrongType(name, "a string")
	}
	v, err := a.Value(text)
	if errors.Is(err, ErrNoMatch) {
		return operand{}, ErrNoMatch
	}
	if err != nil {
		return operand{}, invalid(fmt.Sprintf("The value %q is not valid for %s: %v.", text, name, err))
	}
	return operand{arg: v}, nil
}

// boolean accepts true and false, and the strings "true" and "false" in any
// case, which some clients send.
func boolean(name string, raw any) (operand, error) {
	switch v := raw.(type) {
	case bool:
		return operand{arg: v}, nil
	case string:
		switch strings.ToLower(v) {
		case "true":
			return operand{arg: true}, nil
		case "false":
			return operand{arg: false}, nil
		}
	}
	return operand{}, wrongType(name, "true or false")
}

// dateTime accepts an RFC 3339 string and gives unix seconds.
func dateTime(name string, raw any) (operand, error) {
	if s, ok := raw.(string); ok {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return operand{arg: t.Unix(), fraction: t.Nanosecond() != 0}, nil
		}
	}
	return operand{}, wrongType(name, "an RFC 3339 date and time such as \"2011-05-13T04:42:34Z\"")
}

// reference accepts the decimal form of an integer id; anything else is not
// one of ours and matches nothing.
func reference(name string, raw any) (operand, error) {
	var text string
	switch v := raw.(type) {
	case string:
		text = v
	case json.Number:
		text = string(v)
	default:
		return operand{}, wrongType(name, "a string")
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || strconv.FormatInt(n, 10) != text {
		return operand{}, ErrNoMatch
	}
	return operand{arg: n}, nil
}

// wrongType is the Error for a value of the wrong kind.
func wrongType(name, want string) error {
	return invalid(fmt.Sprintf("The value compared with %s must be %s.", name, want))
}
