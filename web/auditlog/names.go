package auditlog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// List names the ids of a kind (one id or a list), at most MaxNames of them
// and a count of the rest; tenantID is the tenant a role must belong to.
func (r Reader) List(kind string, v any, tenantID int64) string {
	total := 1
	if list, ok := v.([]any); ok {
		total = len(list)
		if total == 0 {
			return i18n.T(r.Ctx, "audit_value_none")
		}
	}
	var names []string
	for _, id := range idsOf(v) {
		names = append(names, r.Name(kind, id, tenantID))
	}
	return r.join(names, total-len(names))
}

// join lists names in a sentence's way ("A, B and C"), with how many more.
func (r Reader) join(names []string, more int) string {
	switch {
	case len(names) == 0:
		return ""
	case more > 0:
		return i18n.T(r.Ctx, "audit_list_more", map[string]any{"List": strings.Join(names, ", "), "Count": i18n.Num(r.Ctx, more)})
	case len(names) == 1:
		return names[0]
	}
	return i18n.T(r.Ctx, "audit_list_and", map[string]any{"List": strings.Join(names[:len(names)-1], ", "), "Last": names[len(names)-1]})
}

// Name is what an id is called now: a built-in role in the reader's
// language, a deleted object by its last name and marked so, another
// tenant's (or a forgotten) id as unknown.
func (r Reader) Name(kind string, id, tenantID int64) string {
	ids := strconv.FormatInt(id, 10)
	n, ok := r.Names.Get(kind, id)
	if ok && kind == "role" && n.TenantID != tenantID {
		ok = false // another tenant's role
	}
	switch {
	case !ok:
		return i18n.T(r.Ctx, "audit_name_unknown", map[string]any{"ID": ids})
	case n.Deleted && n.Name != "":
		return i18n.T(r.Ctx, "audit_name_deleted", map[string]any{"Name": n.Name})
	case n.Deleted:
		return i18n.T(r.Ctx, "audit_deleted", map[string]any{"ID": ids})
	case n.Key != "":
		return i18n.T(r.Ctx, "role_"+n.Key)
	case n.Name != "":
		return n.Name
	}
	return "#" + ids
}

// customers shows a managed-customers change: each customer, its roles
// before and after.
func (r Reader) customers(v any) string {
	list, _ := v.([]any)
	var parts []string
	for i, c := range list {
		if i == MaxNames {
			break
		}
		m, _ := c.(map[string]any)
		tenant := idOf(m["tenant_id"])
		parts = append(parts, i18n.T(r.Ctx, "audit_value_customer", map[string]any{
			"Tenant": r.Name("tenant", tenant, 0), "Before": r.List("role", m["before"], tenant), "After": r.List("role", m["after"], tenant)}))
	}
	more := len(list) - len(parts)
	s := strings.Join(parts, "; ")
	if more > 0 {
		s = i18n.T(r.Ctx, "audit_list_more", map[string]any{"List": s, "Count": i18n.Num(r.Ctx, more)})
	}
	return s
}

// filterCodes are the filters whose values are codes, and their labels' prefix.
var filterCodes = map[string]string{"status": "status_", "type": "type_", "auth": "auth_", "access": "status_",
	"scope": "audit_value_scope_", "norole": "audit_value_flag_", "deactivated": "audit_value_flag_", "dir": "audit_value_dir_"}

// filters shows the filters a download applied, "Everyone" for none.
func (r Reader) filters(v any) string {
	m, _ := v.(map[string]any)
	if all, _ := m["all"].(bool); all || len(m) == 0 {
		return i18n.T(r.Ctx, "audit_value_filters_all")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		val := fmt.Sprint(m[k])
		switch k {
		case "role":
			val = r.Name("role", idOf(m[k]), r.TenantID)
		case "project":
			val = r.Name("project", idOf(m[k]), r.TenantID)
		case "action":
			val = i18n.ActionLabel(r.Ctx, val)
		case "type":
			if r.action == store.ActionAuditExport {
				k, val = "target_type", i18n.TargetTypeLabel(r.Ctx, val)
			} else {
				val = r.code("type_"+val, val)
			}
		default:
			if p, ok := filterCodes[k]; ok {
				val = r.code(p+val, val)
			}
		}
		parts = append(parts, i18n.T(r.Ctx, "audit_value_filter", map[string]any{"Key": r.code("audit_filterkey_"+k, r.Label(k)), "Value": val}))
	}
	return strings.Join(parts, ", ")
}

// TargetName names an event's target as the log shows it: by its current
// name, or its last one marked deleted; name and key are what the event's
// own query found (for kinds the page's lookup does not name).
func TargetName(r Reader, e *store.Event, name, key string) string {
	switch {
	case e.TargetID == 0:
		return ""
	case e.TargetType == "scim_token":
		if n, ok := r.Tokens[e.TargetID]; ok {
			return n
		}
	case targetKinds[e.TargetType]:
		return r.Name(e.TargetType, e.TargetID, r.TenantID)
	}
	return i18n.TargetLabel(r.Ctx, e.TargetID, name, key)
}
