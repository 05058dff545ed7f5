package patch

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// coerceValue converts a decoded JSON value to attr's type, as in Coerce.
// nil stays nil (absent). A multi-valued attribute yields []any; with
// keepNulls a complex single value keeps null sub-attributes as nil entries,
// which a merge reads as "remove".
func coerceValue(a *Attr, v any, name string, keepNulls bool) (any, error) {
	if v == nil {
		return nil, nil
	}
	list, isList := v.([]any)
	if !a.Multi {
		if isList && len(list) == 1 {
			v = list[0]
		} else if isList {
			return nil, badRequest(InvalidValue, "%s is single-valued but got a list", name)
		}
		return coerceOne(a, v, name, keepNulls)
	}
	if !isList {
		list = []any{v}
	}
	out := make([]any, 0, len(list))
	for _, el := range list {
		c, err := coerceOne(a, el, name, false)
		if err != nil {
			return nil, err
		}
		if c != nil {
			out = append(out, c)
		}
	}
	return out, nil
}

func coerceOne(a *Attr, v any, name string, keepNulls bool) (any, error) {
	if v == nil {
		return nil, nil
	}
	if a.Type != Complex {
		return coerceSimple(a, v, name)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		value := a.sub("value")
		if value == nil || isContainer(v) {
			return nil, badRequest(InvalidValue, "%s must be an object", name)
		}
		obj = map[string]any{value.Name: v}
	}
	out := make(map[string]any, len(obj))
	for k, sv := range obj {
		sub := a.sub(k)
		if sub == nil || sub.readOnly() {
			continue
		}
		c, err := coerceValue(sub, sv, name+"."+sub.Name, false)
		if err != nil {
			return nil, err
		}
		if c != nil || keepNulls {
			out[sub.Name] = c
		}
	}
	if a.Multi && a.KeyedBy != "" && empty(out[a.KeyedBy]) {
		return nil, badRequest(InvalidValue, "every element of %s needs %s", name, a.KeyedBy)
	}
	return out, nil
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// coerceSimple converts a non-null value of a simple type: booleans and
// integers sent as strings are accepted ("False", "42"); a number is
// accepted for a string attribute.
func coerceSimple(a *Attr, v any, name string) (any, error) {
	bad := func() error {
		return badRequest(InvalidValue, "%s must be a %s", name, a.Type)
	}
	switch a.Type {
	case Boolean:
		switch x := v.(type) {
		case bool:
			return x, nil
		case string:
			if b, err := strconv.ParseBool(strings.TrimSpace(x)); err == nil {
				return b, nil
			}
		}
		return nil, bad()
	case Integer, Decimal:
		n, ok := numberText(v)
		if !ok {
			return nil, bad()
		}
		if a.Type == Integer {
			if _, err := strconv.ParseInt(n, 10, 64); err != nil {
				f, err := strconv.ParseFloat(n, 64)
				if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
					return nil, bad()
				}
				n = strconv.FormatInt(int64(f), 10)
			}
		} else if _, err := strconv.ParseFloat(n, 64); err != nil {
			return nil, bad()
		}
		return json.Number(n), nil
	case DateTime:
		s, ok := v.(string)
		if !ok {
			return nil, bad()
		}
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			return nil, badRequest(InvalidValue, "%s must be an RFC 3339 date-time", name)
		}
		return s, nil
	case Complex:
		return nil, bad()
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	return nil, bad()
}

// numberText returns the decimal text of a JSON number or numeric string.
func numberText(v any) (string, bool) {
	switch x := v.(type) {
	case json.Number:
		return x.String(), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case string:
		s := strings.TrimSpace(x)
		_, err := strconv.ParseFloat(s, 64)
		return s, err == nil && s != ""
	}
	return "", false
}

func toFloat(v any) (float64, bool) {
	s, ok := numberText(v)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// empty reports whether v counts as unassigned (RFC 7643 §2.5).
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, sv := range x {
			if !empty(sv) {
				return false
			}
		}
		return true
	}
	return false
}
