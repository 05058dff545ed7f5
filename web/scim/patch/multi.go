package patch

import (
	"encoding/json"
	"fmt"
	"strings"
)

// asList returns a stored multi-valued attribute as []any.
func asList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out
	case nil:
		return nil
	}
	return []any{v}
}

// compact drops nil elements.
func compact(list []any) []any {
	out := list[:0]
	for _, el := range list {
		if el != nil {
			out = append(out, el)
		}
	}
	return out
}

// pickElement is the element an unfiltered attr.sub path means: the primary
// one, else the first; nil when there is none.
func pickElement(list []any) map[string]any {
	var first map[string]any
	for _, el := range list {
		obj, ok := el.(map[string]any)
		if !ok {
			continue
		}
		if isTrue(obj["primary"]) {
			return obj
		}
		if first == nil {
			first = obj
		}
	}
	return first
}

func isTrue(v any) bool {
	b, err := coerceSimple(&Attr{Type: Boolean}, v, "")
	return err == nil && b == true
}

// keyOf identifies an element for union and removal: its KeyedBy
// sub-attribute (folded unless caseExact), else its whole JSON.
func keyOf(a *Attr, el any) string {
	if a.KeyedBy != "" {
		obj, _ := el.(map[string]any)
		sub := a.sub(a.KeyedBy)
		v := obj[sub.Name]
		if s, ok := v.(string); ok {
			if !sub.CaseExact {
				s = strings.ToLower(s)
			}
			return s
		}
		return fmt.Sprint(v)
	}
	b, _ := json.Marshal(el)
	return string(b)
}

// union appends to old the elements of add it does not hold already, in
// O(len(old)+len(add)).
func union(a *Attr, old, add []any) []any {
	seen := make(map[string]struct{}, len(old)+len(add))
	out := make([]any, 0, len(old)+len(add))
	for _, list := range [][]any{old, add} {
		for _, el := range list {
			k := keyOf(a, el)
			if _, dup := seen[k]; dup {
				continue
			}
			seen[k] = struct{}{}
			out = append(out, el)
		}
	}
	return out
}

// without returns list minus the elements that match one of given: by key
// for a keyed attribute, else when every sub-attribute given is equal.
func without(a *Attr, list, given []any) []any {
	if a.KeyedBy != "" || a.Type != Complex {
		drop := make(map[string]struct{}, len(given))
		for _, g := range given {
			drop[keyOf(a, g)] = struct{}{}
		}
		out := make([]any, 0, len(list))
		for _, el := range list {
			if _, ok := drop[keyOf(a, el)]; !ok {
				out = append(out, el)
			}
		}
		return out
	}
	out := make([]any, 0, len(list))
	for _, el := range list {
		if !matchesAny(a, el, given) {
			out = append(out, el)
		}
	}
	return out
}

func matchesAny(a *Attr, el any, given []any) bool {
	obj, _ := el.(map[string]any)
	for _, g := range given {
		gm, _ := g.(map[string]any)
		if len(gm) > 0 && subsetOf(a, gm, obj) {
			return true
		}
	}
	return false
}

func subsetOf(a *Attr, part, whole map[string]any) bool {
	for k, v := range part {
		sub := a.sub(k)
		w, err := coerceValue(sub, whole[k], k, false)
		if err != nil || w == nil {
			return false
		}
		if c, ok := order(sub, w, v); !ok || c != 0 {
			return false
		}
	}
	return true
}
