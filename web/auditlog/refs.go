// Package auditlog explains audit events to people: the ids their details
// hold become names (resolved for a whole page at once, within the tenant),
// each field gets a translated label and each event a sentence. The audit
// log page and its exports share it.
package auditlog

import (
	"context"

	"github.com/console-dev/console/store"
)

// MaxNames is how many names a list in details shows; the rest are counted
// ("and 12 more"), so a page's lookups stay bounded whatever an event holds.
const MaxNames = 10

// refKinds are the detail keys that hold ids, and of what.
var refKinds = map[string]string{
	"role_ids": "role", "default_role_ids": "role", "roles_losing_it": "role",
	"group_ids": "group", "group_id": "group",
	"account_ids": "account", "account_id": "account", "added": "account", "removed": "account",
	"project_ids": "project", "project_id": "project",
	"home_tenant_id": "tenant", "by_tenant_id": "tenant", "parent_id": "tenant", "tenant_id": "tenant",
	"api_key_id": "api_key",
}

// targetKinds are the target types named through the page's lookup.
var targetKinds = map[string]bool{"account": true, "group": true, "role": true, "project": true, "module": true,
	"api_key": true, "tenant": true}

// Names resolves every reference of a page of events in the tenant.
func Names(ctx context.Context, st *store.Store, tenantID int64, entries []store.AuditEntry) (store.AuditNames, error) {
	refs := store.AuditRefs{}
	for i := range entries {
		Collect(refs, &entries[i].Event)
	}
	return st.AuditNamesOf(ctx, tenantID, refs)
}

// Collect notes the event's target and every id its details name.
func Collect(refs store.AuditRefs, e *store.Event) {
	if targetKinds[e.TargetType] {
		refs.Add(e.TargetType, e.TargetID)
	}
	collectMap(refs, e.Details)
	for _, side := range []string{"before", "after"} {
		if m, ok := e.Details[side].(map[string]any); ok {
			collectMap(refs, m)
		}
	}
	if cs, ok := e.Details["customers"].([]any); ok {
		for i, c := range cs {
			if i == MaxNames {
				break
			}
			if m, ok := c.(map[string]any); ok {
				refs.Add("tenant", idOf(m["tenant_id"]))
				for _, k := range []string{"before", "after"} {
					for _, id := range idsOf(m[k]) {
						refs.Add("role", id)
					}
				}
			}
		}
	}
	if f, ok := e.Details["filters"].(map[string]any); ok {
		refs.Add("role", idOf(f["role"]))
		refs.Add("project", idOf(f["project"]))
	}
}

func collectMap(refs store.AuditRefs, m map[string]any) {
	for k, v := range m {
		if kind, ok := refKinds[k]; ok {
			ids := idsOf(v)
			if kind == "role" {
				// A tenant has few roles, and a change of roles names those
				// added and removed, wherever they stand in the lists.
				ids = allIDs(v)
				if len(ids) > 100 {
					ids = ids[:100]
				}
			}
			for _, id := range ids {
				refs.Add(kind, id)
			}
		}
	}
}

// idsOf reads one id or a list of them, at most MaxNames.
func idsOf(v any) []int64 {
	if list, ok := v.([]any); ok {
		var out []int64
		for i, x := range list {
			if i == MaxNames {
				break
			}
			if id := idOf(x); id != 0 {
				out = append(out, id)
			}
		}
		return out
	}
	if id := idOf(v); id != 0 {
		return []int64{id}
	}
	return nil
}

// idOf reads an id as JSON decoding left it (or as the code wrote it).
func idOf(v any) int64 {
	switch x := v.(type) {
	case float64:
		return int64(x)
	case int64:
		return x
	case int:
		return int64(x)
	case string:
		var n int64
		for _, c := range x {
			if c < '0' || c > '9' || n > 1<<52 {
				return 0
			}
			n = n*10 + int64(c-'0')
		}
		return n
	}
	return 0
}
