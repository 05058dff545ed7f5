package auditlog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// Reader explains the events of one tenant's log with a page's names.
type Reader struct {
	Ctx      context.Context
	TenantID int64
	Names    store.AuditNames
	// Tokens names the tenant's SCIM tokens, for events made through one.
	Tokens map[int64]string
	action store.Action // the event being read
}

// Change is one field of an event: its label, its value before and after
// (Before is empty for a detail that is no before/after pair).
type Change struct {
	Field, Before, After string
}

// Fields are the event's before/after pairs and its other details, each
// with a translated label and its values in words (names, not ids).
func (r Reader) Fields(e *store.Event) (changes, other []Change) {
	r.action = e.Action
	before, _ := e.Details["before"].(map[string]any)
	after, _ := e.Details["after"].(map[string]any)
	var keys []string
	for k := range before {
		keys = append(keys, k)
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	sortFields(keys)
	// What was made (or deleted) has one side only: its values read as a
	// list, without an empty column; empty values are left out.
	oneSide := len(before) == 0 || len(after) == 0
	for _, k := range keys {
		if oneSide {
			v := before[k]
			if len(before) == 0 {
				v = after[k]
			}
			if s := r.Value(k, v); s != "" {
				other = append(other, Change{Field: r.Label(k), After: s})
			}
			continue
		}
		changes = append(changes, Change{Field: r.Label(k), Before: r.Value(k, before[k]), After: r.Value(k, after[k])})
	}
	keys = keys[:0]
	for k := range e.Details {
		if k != "before" && k != "after" {
			keys = append(keys, k)
		}
	}
	sortFields(keys)
	for _, k := range keys {
		other = append(other, Change{Field: r.Label(k), After: r.Value(k, e.Details[k])})
	}
	return changes, other
}

// fieldOrder puts the fields people look for first in the order of the
// forms that set them; the others follow alphabetically.
var fieldOrder = map[string]int{"name": 1, "login": 2, "first_name": 3, "last_name": 4, "email": 5, "description": 6,
	"user_type": 7, "status": 8, "role_ids": 9, "group_ids": 10, "account_ids": 11, "access": 12, "team": 13,
	"permissions": 14, "language": 15, "time_zone": 16, "currency": 17, "auth_method": 18}

func sortFields(keys []string) {
	slices.SortFunc(keys, func(a, b string) int {
		pa, pb := fieldOrder[a], fieldOrder[b]
		if pa == 0 {
			pa = 100
		}
		if pb == 0 {
			pb = 100
		}
		if pa != pb {
			return pa - pb
		}
		return strings.Compare(a, b)
	})
}

// Label is a detail field's name in the reader's language; a field without
// one (a claim named by the tenant's SSO settings) is spelled out in words.
func (r Reader) Label(key string) string {
	if s, ok := r.maybe("audit_field_" + key); ok {
		return s
	}
	s := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(key, "_", " "), ".", " "))
	if s == "" {
		return key
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// maybe translates key when the catalog has it.
func (r Reader) maybe(key string) (string, bool) {
	s := i18n.LabelOr(r.Ctx, key, "\x00")
	return s, s != "\x00"
}

// Value shows a detail's value in words: ids as names, codes as labels,
// flags as yes or no, instants in the reader's zone.
func (r Reader) Value(key string, v any) string {
	if v == nil {
		if key == "expires_at" {
			return i18n.T(r.Ctx, "audit_value_never")
		}
		return ""
	}
	if kind, ok := refKinds[key]; ok {
		return r.List(kind, v, r.TenantID)
	}
	switch key {
	case "customers":
		return r.customers(v)
	case "filters":
		return r.filters(v)
	case "scim_token_id":
		id := idOf(v)
		if name, ok := r.Tokens[id]; ok {
			return name
		}
		return i18n.T(r.Ctx, "audit_name_unknown", map[string]any{"ID": strconv.FormatInt(id, 10)})
	case "permissions", "ceiling":
		return r.join(r.each(v, func(p string) string { return r.code("perm_"+i18n.PermKey(p), p) }), 0)
	case "expires_at", "older_than":
		if s, ok := v.(string); ok {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return t.In(i18n.TZ(r.Ctx)).Format("2006-01-02 15:04 MST")
			}
		}
	}
	if s, ok := v.(string); ok {
		if prefix, ok := codeKeys[key]; ok {
			// A code without a label (a rarer sign-in refusal) reads as words.
			return r.code(prefix+strings.ReplaceAll(s, " ", "_"), strings.ReplaceAll(s, "_", " "))
		}
		return s
	}
	switch x := v.(type) {
	case bool:
		if x {
			return i18n.T(r.Ctx, "audit_value_yes")
		}
		return i18n.T(r.Ctx, "audit_value_no")
	case float64:
		return i18n.Num(r.Ctx, int(x))
	case int:
		return i18n.Num(r.Ctx, x)
	case int64:
		return i18n.Num(r.Ctx, int(x))
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = r.Value("", p)
		}
		return strings.Join(parts, ", ")
	case []string:
		return strings.Join(x, ", ")
	case []int64:
		return r.Value(key, anyList(x))
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// codeKeys are the fields whose values are codes, and their labels' prefix.
var codeKeys = map[string]string{
	"status": "status_", "user_type": "type_", "language": "lang_", "auth_method": "auth_", "method": "auth_",
	"access": "audit_value_access_", "mode": "audit_value_mode_", "registration_notify": "audit_value_notify_",
	"client_secret": "audit_value_secret_", "reason": "audit_value_reason_", "format": "audit_value_format_",
}

// code labels a code, or shows it as it is stored.
func (r Reader) code(key, fallback string) string {
	if s, ok := r.maybe(key); ok {
		return s
	}
	return fallback
}

func (r Reader) each(v any, f func(string) string) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, p := range x {
			out = append(out, f(fmt.Sprint(p)))
		}
	case []string:
		for _, p := range x {
			out = append(out, f(p))
		}
	}
	return out
}

func anyList(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
