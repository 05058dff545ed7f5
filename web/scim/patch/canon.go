package patch

import "strings"

// canon renames the keys of a stored resource to the schema's spelling
// (case-insensitively), so the operations find what the server stored.
// Unknown keys are left alone.
func canon(res map[string]any, s *Schema) {
	for k, v := range res {
		if ext := s.extension(k); ext != nil {
			rename(res, k, ext.URN)
			if m, ok := v.(map[string]any); ok {
				canonAttrs(m, ext.Attrs)
			}
		}
	}
	canonAttrs(res, s.Attrs)
}

func canonAttrs(m map[string]any, attrs []Attr) {
	for k, v := range m {
		a := find(attrs, k)
		if a == nil || strings.HasPrefix(k, "urn:") {
			continue
		}
		rename(m, k, a.Name)
		if a.Type != Complex {
			continue
		}
		if a.Multi {
			list := asList(v)
			for _, el := range list {
				if obj, ok := el.(map[string]any); ok {
					canonAttrs(obj, a.Sub)
				}
			}
			m[a.Name] = list
		} else if obj, ok := v.(map[string]any); ok {
			canonAttrs(obj, a.Sub)
		}
	}
}

func rename(m map[string]any, from, to string) {
	if from != to {
		m[to] = m[from]
		delete(m, from)
	}
}

// cleanup removes known attributes left empty (unassigned, RFC 7643 §2.5)
// and extension objects left empty.
func cleanup(res map[string]any, s *Schema) {
	cleanAttrs(res, s.Attrs)
	for i := range s.Extensions {
		ext := &s.Extensions[i]
		if m, ok := res[ext.URN].(map[string]any); ok {
			cleanAttrs(m, ext.Attrs)
			if len(m) == 0 {
				delete(res, ext.URN)
			}
		}
	}
}

func cleanAttrs(m map[string]any, attrs []Attr) {
	for i := range attrs {
		a := &attrs[i]
		v, ok := m[a.Name]
		if !ok {
			continue
		}
		if obj, isObj := v.(map[string]any); isObj {
			cleanAttrs(obj, a.Sub)
		}
		if list, isList := v.([]any); isList {
			kept := list[:0]
			for _, el := range list {
				if obj, isObj := el.(map[string]any); isObj {
					cleanAttrs(obj, a.Sub)
				}
				if !empty(el) {
					kept = append(kept, el)
				}
			}
			m[a.Name] = kept
		}
		if empty(m[a.Name]) {
			delete(m, a.Name)
		}
	}
}

// checkRequired refuses a resource missing a required core attribute.
func checkRequired(res map[string]any, s *Schema) error {
	for _, a := range s.Attrs {
		if a.Required && empty(res[a.Name]) {
			return badRequest(InvalidValue, "%s is required", a.Name)
		}
	}
	return nil
}
