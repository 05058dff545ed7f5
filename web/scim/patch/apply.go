package patch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// applier changes one resource map under one schema.
type applier struct {
	res map[string]any
	s   *Schema
}

// Apply applies ops in order to res, which it changes in place. On error res
// may be partly changed and must be discarded. Errors are *Error.
func Apply(res map[string]any, ops []Operation, s Schema) error {
	if err := checkCount(len(ops)); err != nil {
		return err
	}
	ap := applier{res: res, s: &s}
	canon(res, &s)
	for i, op := range ops {
		if err := ap.apply(op); err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.Detail = fmt.Sprintf("Operations[%d]: %s", i, e.Detail)
			}
			return err
		}
	}
	cleanup(res, &s)
	return checkRequired(res, &s)
}

func (ap applier) apply(op Operation) error {
	kind := strings.ToLower(strings.TrimSpace(op.Op))
	if kind != "add" && kind != "replace" && kind != "remove" {
		return badRequest(InvalidSyntax, "unknown op %q (add, replace or remove)", op.Op)
	}
	hasValue := len(bytes.TrimSpace(op.Value)) > 0
	if kind != "remove" && !hasValue {
		return badRequest(InvalidSyntax, "%s needs a value", kind)
	}
	var v any
	if hasValue {
		dec := json.NewDecoder(bytes.NewReader(op.Value))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return badRequest(InvalidSyntax, "value is not JSON")
		}
	}
	before := ap.primaries()
	path := strings.TrimSpace(op.Path)
	var err error
	switch {
	case path == "" && kind == "remove":
		err = badRequest(NoTarget, "remove needs a path")
	case path == "":
		m, ok := v.(map[string]any)
		if !ok {
			return badRequest(InvalidValue, "%s without a path needs an object value", kind)
		}
		err = ap.applyMap(kind, "", m)
	default:
		t, perr := parsePath(ap.s, path)
		if perr != nil {
			return perr.err
		}
		err = ap.applyTarget(kind, t, v)
	}
	if err != nil {
		return err
	}
	ap.fixPrimaries(before)
	return nil
}

// applyMap applies each key of a value object as a path of its own; keys
// that name no writable attribute (id, meta, schemas, unknown) are skipped.
func (ap applier) applyMap(kind, prefix string, m map[string]any) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // "name" before "name.givenName": the dotted key wins
	for _, k := range keys {
		t, perr := parsePath(ap.s, prefix+k)
		if perr != nil {
			continue
		}
		if err := ap.applyTarget(kind, t, m[k]); err != nil {
			return err
		}
	}
	return nil
}

func (ap applier) applyTarget(kind string, t target, v any) error {
	if t.attr == nil { // a whole extension object
		if kind == "remove" || v == nil {
			delete(ap.res, t.ext.URN)
			return nil
		}
		m, ok := v.(map[string]any)
		if !ok {
			return badRequest(InvalidValue, "%s must be an object", t.ext.URN)
		}
		return ap.applyMap(kind, t.ext.URN+":", m)
	}
	if kind == "remove" {
		return ap.remove(t, v)
	}
	return ap.set(kind == "add", t, v)
}

// container is the map holding t's attribute: the resource or an extension.
func (ap applier) container(t target, create bool) map[string]any {
	if t.ext == nil {
		return ap.res
	}
	m, ok := ap.res[t.ext.URN].(map[string]any)
	if !ok && create {
		m = map[string]any{}
		ap.res[t.ext.URN] = m
	}
	return m
}
