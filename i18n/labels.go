package i18n

import (
	"context"
	"strconv"
	"strings"
)

// ActionLabel translates an audit action; an action without a label (a newer
// area's) shows as it is stored.
func ActionLabel(ctx context.Context, action string) string {
	return labelOr(ctx, "audit_action_"+strings.ReplaceAll(action, ".", "_"), action)
}

// TargetTypeLabel translates a kind of target.
func TargetTypeLabel(ctx context.Context, kind string) string {
	if kind == "" {
		return ""
	}
	return labelOr(ctx, "audit_target_"+kind, kind)
}

func labelOr(ctx context.Context, key, fallback string) string {
	if tr := translate(ctx, key); !tr.missing && tr.s != key {
		return tr.s
	}
	return fallback
}

// TargetLabel names an event's target as it is called now (a built-in
// role's name translated), or by its id once deleted.
func TargetLabel(ctx context.Context, id int64, name, builtinKey string) string {
	switch {
	case id == 0:
		return ""
	case builtinKey != "":
		return T(ctx, "role_"+builtinKey)
	case name != "":
		return name
	}
	return T(ctx, "audit_deleted", map[string]any{"ID": strconv.FormatInt(id, 10)})
}

// PermKey is the part of a permission's message ids that names it:
// users.manage is perm_users_manage, module:billing perm_module_billing.
func PermKey(p string) string { return strings.NewReplacer(".", "_", "-", "_", ":", "_").Replace(p) }
