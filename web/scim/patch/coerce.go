package patch

import (
	"sort"
	"strings"
)

// Coerce normalises a resource as a client sends it in POST or PUT, in
// place: attribute names are matched case-insensitively and rewritten to the
// schema's spelling; booleans and integers sent as strings become bool and
// json.Number; null means absent; read-only attributes (id, meta, groups)
// and unknown attributes are dropped; dotted and URN-qualified keys are
// accepted as in a pathless PATCH; "schemas" is kept as sent. It fails with
// 400 invalidValue on a value of the wrong type, a missing required
// attribute, or more than one primary value.
func Coerce(res map[string]any, s Schema) error {
	out := map[string]any{}
	ap := applier{res: out, s: &s}
	keys := make([]string, 0, len(res))
	for k := range res {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.EqualFold(k, "schemas") {
			out["schemas"] = res[k]
			continue
		}
		t, perr := parsePath(&s, k)
		if perr != nil {
			continue
		}
		if err := ap.applyTarget("add", t, res[k]); err != nil {
			return err
		}
	}
	if err := ap.onePrimary(); err != nil {
		return err
	}
	cleanup(out, &s)
	if err := checkRequired(out, &s); err != nil {
		return err
	}
	clear(res)
	for k, v := range out {
		res[k] = v
	}
	return nil
}

// onePrimary refuses two primary values in one attribute (RFC 7643 §2.4).
func (ap applier) onePrimary() error {
	var err error
	ap.primaryAttrs(func(c map[string]any, a *Attr) {
		n := 0
		for _, el := range asList(c[a.Name]) {
			if obj, ok := el.(map[string]any); ok && isTrue(obj["primary"]) {
				n++
			}
		}
		if n > 1 && err == nil {
			err = badRequest(InvalidValue, "%s has more than one primary value", a.Name)
		}
	})
	return err
}
