package store

import (
	"context"
	"fmt"
)

// auditTargetTables are where each kind of audit target lives; a tenant
// target is the tenant itself.
var auditTargetTables = map[string]string{"account": "accounts", "group": "user_groups", "role": "roles",
	"project": "projects", "module": "modules", "api_key": "api_keys", "scim_token": "scim_tokens"}

// AuditTargetKnown reports whether a target belongs to the tenant: it exists
// there now, or the tenant's audit trail names it (a deleted group's history
// stays searchable). Another tenant's id is known to neither.
func (s *Store) AuditTargetKnown(ctx context.Context, tenantID int64, targetType string, id int64) (bool, error) {
	live := `SELECT CAST(? AS BIGINT) = CAST(? AS BIGINT)`
	args := []any{id, tenantID}
	if table, ok := auditTargetTables[targetType]; ok {
		live = `SELECT EXISTS (SELECT 1 FROM ` + table + ` WHERE id = ? AND tenant_id = ?)`
	} else if targetType != "tenant" {
		return false, nil
	}
	var known bool
	err := s.queryRow(ctx, `SELECT (`+live+`) OR EXISTS (SELECT 1 FROM audit_events
		WHERE tenant_id = ? AND target_type = ? AND target_id = ?)`, append(args, tenantID, targetType, id)...).Scan(&known)
	if err != nil {
		return false, fmt.Errorf("store: audit target: %w", err)
	}
	return known, nil
}
