package patch

// remove performs a remove operation on t. Removing what is not there
// succeeds: Entra ID removes members that are already gone.
func (ap applier) remove(t target, v any) error {
	c := ap.container(t, false)
	if c == nil {
		return nil
	}
	a := t.attr
	switch {
	case t.filter != nil:
		m := matcher{attr: a, expr: t.filter}
		list := asList(c[a.Name])
		for i, el := range list {
			ok, err := m.match(el)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if obj, isObj := el.(map[string]any); isObj && t.sub != nil {
				delete(obj, t.sub.Name)
			} else {
				list[i] = nil
			}
		}
		c[a.Name] = compact(list)
	case t.sub != nil && !a.Multi:
		if obj, ok := c[a.Name].(map[string]any); ok {
			delete(obj, t.sub.Name)
		}
	case t.sub != nil:
		for _, el := range asList(c[a.Name]) {
			if obj, ok := el.(map[string]any); ok {
				delete(obj, t.sub.Name)
			}
		}
	case a.Multi && v != nil:
		given, err := coerceValue(a, v, a.Name, false)
		if err != nil {
			return err
		}
		c[a.Name] = without(a, asList(c[a.Name]), given.([]any))
	default:
		delete(c, a.Name)
	}
	return nil
}
