package patch

import "reflect"

// primaryAttrs lists the multi-valued attributes with a "primary"
// sub-attribute, with the container each lives in.
func (ap applier) primaryAttrs(fn func(c map[string]any, a *Attr)) {
	visit := func(c map[string]any, attrs []Attr) {
		for i := range attrs {
			if a := &attrs[i]; a.Multi && a.sub("primary") != nil && c[a.Name] != nil {
				fn(c, a)
			}
		}
	}
	visit(ap.res, ap.s.Attrs)
	for i := range ap.s.Extensions {
		if c, ok := ap.res[ap.s.Extensions[i].URN].(map[string]any); ok {
			visit(c, ap.s.Extensions[i].Attrs)
		}
	}
}

// primaries records the elements that are primary before an operation.
func (ap applier) primaries() map[uintptr]bool {
	before := map[uintptr]bool{}
	ap.primaryAttrs(func(c map[string]any, a *Attr) {
		for _, el := range asList(c[a.Name]) {
			if obj, ok := el.(map[string]any); ok && isTrue(obj["primary"]) {
				before[reflect.ValueOf(obj).Pointer()] = true
			}
		}
	})
	return before
}

// fixPrimaries keeps one primary per attribute (RFC 7644 §3.5.2): the one
// this operation set wins over those that were primary before it; among
// several new ones the last wins.
func (ap applier) fixPrimaries(before map[uintptr]bool) {
	ap.primaryAttrs(func(c map[string]any, a *Attr) {
		var prim []map[string]any
		for _, el := range asList(c[a.Name]) {
			if obj, ok := el.(map[string]any); ok && isTrue(obj["primary"]) {
				prim = append(prim, obj)
			}
		}
		if len(prim) < 2 {
			return
		}
		var fresh []map[string]any
		for _, obj := range prim {
			if before[reflect.ValueOf(obj).Pointer()] {
				delete(obj, "primary")
			} else {
				fresh = append(fresh, obj)
			}
		}
		if len(fresh) == 0 {
			fresh = prim
		}
		for _, obj := range fresh[:len(fresh)-1] {
			delete(obj, "primary")
		}
	})
}
