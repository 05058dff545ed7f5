package auditlog

import (
	"slices"
	"strings"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// SentenceKey is the message that says what an action did; every action
// has one in every catalog (web/issue16_audit_test.go).
func SentenceKey(a store.Action) string {
	return "audit_say_" + strings.NewReplacer(".", "_").Replace(string(a))
}

// withFields are the actions whose sentence ends with the fields they changed.
var withFields = map[store.Action]bool{store.ActionUserUpdate: true, store.ActionAccountUpdate: true,
	store.ActionGroupUpdate: true, store.ActionRoleUpdate: true, store.ActionProjectUpdate: true,
	store.ActionModuleUpdate: true, store.ActionTenantUpdate: true, store.ActionTenantSettings: true,
	store.ActionSSOUpdate: true}

// deletions are the actions that delete their target.
var deletions = map[store.Action]bool{store.ActionUserDelete: true, store.ActionGroupDelete: true,
	store.ActionRoleDelete: true, store.ActionProjectDelete: true, store.ActionModuleDelete: true}

// Sentence says what the event did, in the reader's language, naming what
// it names: "Removed Project Manager from Zoë Smith". target is the target
// as the log shows it. An action without a sentence (one newer than this
// code) says its label.
func (r Reader) Sentence(e *store.Event, target string) string {
	r.action = e.Action
	before, _ := e.Details["before"].(map[string]any)
	after, _ := e.Details["after"].(map[string]any)
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	who := str(e.Details, "email")
	if who == "" {
		who = target
	}
	if who == "" {
		who = i18n.T(r.Ctx, "audit_value_someone")
	}
	d := map[string]any{"Target": target, "Who": who, "Added": "", "Removed": "", "People": "", "Groups": "",
		"Roles": "", "Access": "", "Status": "", "Count": "", "Days": "", "Format": "", "Home": "", "Owner": "",
		"Customers": "", "Mode": "", "What": "", "Done": "", "Skipped": "", "Failed": ""}
	if n, ok := r.Names.Get(e.TargetType, e.TargetID); ok && n.Deleted && n.Name != "" && deletions[e.Action] {
		d["Target"] = n.Name // "Deleted the role Billing", not "Billing (deleted)"
	}
	key := SentenceKey(e.Action)
	if e.Action == store.ActionUserDeactivate && e.Details["policy"] == "dormancy" {
		key = "audit_say_user_deactivate_dormancy" // the policy did it, nobody's hand
	}
	switch e.Action {
	case store.ActionUserRoles, store.ActionGroupRoles:
		added, removed := changed(before["role_ids"], after["role_ids"])
		d["Added"], d["Removed"] = r.List("role", added, r.TenantID), r.List("role", removed, r.TenantID)
		switch {
		case len(added) > 0 && len(removed) > 0:
			key = "audit_say_roles_both"
		case len(added) > 0:
			key = "audit_say_roles_added"
		case len(removed) > 0:
			key = "audit_say_roles_removed"
		}
	case store.ActionUserCreate, store.ActionUserInvite, store.ActionMemberAdd:
		if roles, ok := after["role_ids"].([]any); ok && len(roles) > 0 {
			d["Roles"] = r.List("role", roles, r.TenantID)
			if e.Action != store.ActionMemberAdd {
				key += "_roles"
			}
		} else {
			d["Roles"] = i18n.T(r.Ctx, "audit_value_no_role")
		}
		d["Home"] = r.Name("tenant", idOf(e.Details["home_tenant_id"]), 0)
	case store.ActionGroupMembersAdd:
		d["People"] = r.List("account", e.Details["added"], r.TenantID)
	case store.ActionGroupMembersRemove:
		d["People"] = r.List("account", e.Details["removed"], r.TenantID)
	case store.ActionProjectUsersAdd:
		d["People"], d["Access"] = r.List("account", after["account_ids"], r.TenantID), r.Value("access", after["access"])
	case store.ActionProjectUsersRemove:
		d["People"] = r.List("account", before["account_ids"], r.TenantID)
	case store.ActionProjectUsersUpdate:
		d["People"], d["Access"] = r.List("account", e.Details["account_id"], r.TenantID), r.Value("access", after["access"])
	case store.ActionProjectUsersTeam:
		d["People"] = r.List("account", e.Details["account_ids"], r.TenantID)
		if on, _ := after["team"].(bool); !on {
			key += "_off"
		}
	case store.ActionProjectTeamsAdd:
		d["Groups"], d["Access"] = r.List("group", after["group_ids"], r.TenantID), r.Value("access", after["access"])
	case store.ActionProjectTeamsRemove:
		d["Groups"] = r.List("group", before["group_ids"], r.TenantID)
	case store.ActionProjectTeamsUpdate:
		d["Groups"], d["Access"] = r.List("group", e.Details["group_id"], r.TenantID), r.Value("access", after["access"])
	case store.ActionUserStatus:
		d["Status"] = r.Value("status", after["status"])
	case store.ActionJobCreate:
		d["What"] = i18n.T(r.Ctx, "job_action_"+str(e.Details, "action"))
		d["Count"] = r.Value("total", e.Details["total"])
	case store.ActionJobFinish:
		d["Done"], d["Skipped"], d["Failed"] = r.Value("done", e.Details["done"]), r.Value("skipped", e.Details["skipped"]),
			r.Value("failed", e.Details["failed"])
	case store.ActionImportUpload:
		d["What"] = str(e.Details, "name")
	case store.ActionJobCancel:
		d["Count"] = r.Value("not_run", e.Details["not_run"])
	case store.ActionUsersSeed:
		d["Count"] = r.Value("count", e.Details["count"])
	case store.ActionAuditRetention:
		d["Days"] = r.Value("days", after["days"])
	case store.ActionAuditPurge:
		d["Count"], d["Days"] = r.Value("deleted", e.Details["deleted"]), r.Value("retention_days", e.Details["retention_days"])
	case store.ActionReportUserPermissions, store.ActionReportProjectAccess, store.ActionAuditExport:
		d["Format"] = r.Value("format", e.Details["format"])
	case store.ActionAPIKeyCreate, store.ActionAPIKeyRevoke:
		d["Owner"] = r.List("account", e.Details["account_id"], r.TenantID)
	case store.ActionUserManaged:
		var tenants []any
		if cs, ok := e.Details["customers"].([]any); ok {
			for _, c := range cs {
				if m, ok := c.(map[string]any); ok {
					tenants = append(tenants, m["tenant_id"])
				}
			}
		}
		d["Customers"] = r.List("tenant", tenants, 0)
	case store.ActionTenantProvisioning:
		d["Mode"] = r.Value("mode", after["mode"])
	}
	s := i18n.LabelOr(r.Ctx, key, "")
	if s == "" {
		return i18n.ActionLabel(r.Ctx, string(e.Action))
	}
	s = i18n.T(r.Ctx, key, d)
	if withFields[e.Action] {
		var labels []string
		for k := range after {
			labels = append(labels, r.Label(k))
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				labels = append(labels, r.Label(k))
			}
		}
		slices.Sort(labels)
		if len(labels) > 0 {
			s += " (" + strings.Join(labels, ", ") + ")"
		}
	}
	return s
}

// changed are the ids after holds that before did not, and the reverse.
func changed(before, after any) (added, removed []any) {
	b, a := allIDs(before), allIDs(after)
	for _, id := range a {
		if !slices.Contains(b, id) {
			added = append(added, float64(id))
		}
	}
	for _, id := range b {
		if !slices.Contains(a, id) {
			removed = append(removed, float64(id))
		}
	}
	return added, removed
}

func allIDs(v any) []int64 {
	var out []int64
	if id := idOf(v); id != 0 {
		return []int64{id}
	}
	if list, ok := v.([]any); ok {
		for _, x := range list {
			out = append(out, idOf(x))
		}
	}
	return out
}
