package patch

import "encoding/json"

// set performs add (add=true) or replace on t.
func (ap applier) set(add bool, t target, v any) error {
	c := ap.container(t, true)
	a := t.attr
	switch {
	case t.filter != nil:
		return ap.setFiltered(add, c, t, v)
	case t.sub != nil && !a.Multi:
		obj, _ := c[a.Name].(map[string]any)
		if obj == nil {
			obj = map[string]any{}
		}
		if err := setLeaf(obj, t.sub, v, t.text); err != nil {
			return err
		}
		c[a.Name] = obj
		return nil
	case t.sub != nil:
		list := asList(c[a.Name])
		el := pickElement(list)
		if el == nil {
			el = map[string]any{}
			list = append(list, el)
		}
		if err := setLeaf(el, t.sub, v, t.text); err != nil {
			return err
		}
		c[a.Name] = list
		return nil
	case v == nil:
		delete(c, a.Name)
		return nil
	case a.Multi:
		cv, err := coerceValue(a, v, a.Name, false)
		if err != nil {
			return err
		}
		var old []any
		if add {
			old = asList(c[a.Name])
		}
		c[a.Name] = union(a, old, cv.([]any))
		return nil
	case a.Type == Complex:
		cv, err := coerceValue(a, v, a.Name, true)
		if err != nil {
			return err
		}
		obj, _ := c[a.Name].(map[string]any)
		if obj == nil {
			obj = map[string]any{}
		}
		if err := merge(a, obj, cv.(map[string]any)); err != nil {
			return err
		}
		c[a.Name] = obj
		return nil
	}
	cv, err := coerceValue(a, v, a.Name, false)
	if err != nil {
		return err
	}
	if err := checkImmutable(a, c[a.Name], cv); err != nil {
		return err
	}
	c[a.Name] = cv
	return nil
}

// setLeaf sets (or with nil removes) sub-attribute sub of obj.
func setLeaf(obj map[string]any, sub *Attr, v any, name string) error {
	if v == nil {
		delete(obj, sub.Name)
		return nil
	}
	cv, err := coerceValue(sub, v, name, false)
	if err != nil {
		return err
	}
	if err := checkImmutable(sub, obj[sub.Name], cv); err != nil {
		return err
	}
	obj[sub.Name] = cv
	return nil
}

// merge writes the sub-attributes of src into dst; nil entries remove.
func merge(a *Attr, dst, src map[string]any) error {
	for k, sv := range src {
		if sv == nil {
			delete(dst, k)
			continue
		}
		if err := checkImmutable(a.sub(k), dst[k], sv); err != nil {
			return err
		}
		dst[k] = sv
	}
	return nil
}

// setFiltered adds or replaces through attr[filter] or attr[filter].sub,
// creating the element from the filter's eq terms when none matches.
func (ap applier) setFiltered(add bool, c map[string]any, t target, v any) error {
	a := t.attr
	m := matcher{attr: a, expr: t.filter}
	list := asList(c[a.Name])
	matched := false
	for i, el := range list {
		ok, err := m.match(el)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		matched = true
		nel, err := setElement(add, m, el, t, v)
		if err != nil {
			return err
		}
		list[i] = nel
	}
	if !matched && v != nil {
		terms := map[string]any{}
		ok, err := m.eqTerms(t.filter, terms)
		if err != nil {
			return err
		}
		if !ok {
			return badRequest(NoTarget, "no value of %s matches %s", a.Name, t.text)
		}
		nel, err := setElement(true, m, terms, t, v)
		if err != nil {
			return err
		}
		list = append(list, nel)
	}
	c[a.Name] = compact(list)
	return nil
}

// setElement returns el changed by the operation; nil removes it.
func setElement(add bool, m matcher, el any, t target, v any) (any, error) {
	a := t.attr
	if a.Type != Complex {
		if v == nil {
			return nil, nil
		}
		return coerceSimple(a, v, t.text)
	}
	obj, _ := el.(map[string]any)
	if obj == nil {
		obj = map[string]any{}
	}
	if t.sub != nil {
		return obj, setLeaf(obj, t.sub, v, t.text)
	}
	if v == nil {
		return nil, nil
	}
	cv, err := coerceOne(a, v, t.text, true)
	if err != nil {
		return nil, err
	}
	if !add { // a replaced element keeps what its filter pinned
		fresh := map[string]any{}
		if _, err := m.eqTerms(t.filter, fresh); err != nil {
			return nil, err
		}
		obj = fresh
	}
	return obj, merge(a, obj, cv.(map[string]any))
}

// checkImmutable refuses to change an immutable attribute that has a value.
func checkImmutable(a *Attr, old, new any) error {
	if a == nil || a.Mutability != Immutable || empty(old) || sameJSON(old, new) {
		return nil
	}
	return badRequest(Mutability, "%s is immutable", a.Name)
}

func sameJSON(x, y any) bool {
	bx, err1 := json.Marshal(x)
	by, err2 := json.Marshal(y)
	return err1 == nil && err2 == nil && string(bx) == string(by)
}
