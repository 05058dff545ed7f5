package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// AuditRefs are the ids a page of audit events names in its details (and
// targets), by kind: "account", "group", "role", "project", "module",
// "api_key", "tenant".
type AuditRefs map[string]map[int64]bool

// Add notes one id of a kind; zero ids are no reference.
func (r AuditRefs) Add(kind string, id int64) {
	if id == 0 || kind == "" {
		return
	}
	if r[kind] == nil {
		r[kind] = map[int64]bool{}
	}
	r[kind][id] = true
}

// AuditName is what an id named by audit details is called now, or was
// called when the tenant deleted it (Deleted).
type AuditName struct {
	Name     string
	Key      string // a built-in role's key, whose name is translated
	Kind     string // an account's kind: user or service
	Owner    int64  // an API key's account
	TenantID int64  // the tenant the object belongs to (a customer's role)
	Deleted  bool
}

// AuditNames are the names of AuditRefs, by kind and id; an id missing from
// it is unknown to the tenant (another tenant's, or deleted before the
// retained history).
type AuditNames map[string]map[int64]AuditName

// Get is the name of a reference, and whether the tenant knows it.
func (n AuditNames) Get(kind string, id int64) (AuditName, bool) {
	v, ok := n[kind][id]
	return v, ok
}

// auditNameParts are the lookups by kind, each within the tenant (?1): an
// account at home or a member there, or a person of a tenant above it (a
// member once: people move down the tree, never up), a tenant on the tenant's own branch
// (itself, above or below it), a role of the tenant or of one below it (a
// customer's, named by user.managed); its tenant is returned to be checked.
var auditNameParts = map[string]string{
	"account": `SELECT 'account', a.id, TRIM(a.first_name || ' ' || a.last_name), '', a.kind, 0, a.tenant_id FROM accounts a
		WHERE a.id IN (%s) AND (a.tenant_id = ?1 OR EXISTS (SELECT 1 FROM tenant_members tm WHERE tm.tenant_id = ?1 AND tm.account_id = a.id)
			OR a.tenant_id IN (SELECT id FROM branch WHERE NOT below))`,
	"group":   `SELECT 'group', id, name, '', '', 0, tenant_id FROM user_groups WHERE id IN (%s) AND tenant_id = ?1`,
	"project": `SELECT 'project', id, name, '', '', 0, tenant_id FROM projects WHERE id IN (%s) AND tenant_id = ?1`,
	"module":  `SELECT 'module', id, name, '', '', 0, tenant_id FROM modules WHERE id IN (%s) AND tenant_id = ?1`,
	"api_key": `SELECT 'api_key', id, name, '', '', account_id, tenant_id FROM api_keys WHERE id IN (%s) AND tenant_id = ?1`,
	"role": `SELECT 'role', id, name, COALESCE(builtin_key, ''), '', 0, tenant_id FROM roles WHERE id IN (%s)
		AND tenant_id IN (SELECT id FROM branch WHERE below)`,
	"tenant": `SELECT 'tenant', id, name, '', '', 0, id FROM tenants WHERE id IN (%s) AND id IN (SELECT id FROM branch)`,
}

// auditBranch is the tenant's own branch of the tree: itself and what is
// below it (below), and its ancestors.
const auditBranch = `WITH RECURSIVE down(id) AS (SELECT CAST(?1 AS BIGINT) UNION ALL SELECT t.id FROM tenants t JOIN down ON t.parent_id = down.id),
	up(id) AS (SELECT parent_id FROM tenants WHERE id = ?1 AND parent_id IS NOT NULL
		UNION ALL SELECT t.parent_id FROM tenants t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL),
	branch(id, below) AS (SELECT id, 1 = 1 FROM down UNION ALL SELECT id, 1 = 0 FROM up) `

// auditDeletes are the events that delete a kind of object, whose details
// keep its last name.
var auditDeletes = []string{string(ActionUserDelete), string(ActionGroupDelete), string(ActionRoleDelete),
	string(ActionProjectDelete), string(ActionModuleDelete)}

// AuditNamesOf names every reference of a page of the tenant's audit log in
// at most two statements whatever the page holds: one for what exists now,
// one for what the tenant deleted (named as its deletion event recorded it).
func (s *Store) AuditNamesOf(ctx context.Context, tenantID int64, refs AuditRefs) (AuditNames, error) {
	out := AuditNames{}
	var parts []string
	args := []any{tenantID}
	var all []int64
	branch := false
	for _, kind := range []string{"account", "group", "role", "project", "module", "api_key", "tenant"} {
		ids := refs[kind]
		if len(ids) == 0 {
			continue
		}
		var in []string
		for id := range ids {
			args = append(args, id)
			all = append(all, id)
			in = append(in, fmt.Sprintf("?%d", len(args)))
		}
		parts = append(parts, fmt.Sprintf(auditNameParts[kind], strings.Join(in, ", ")))
		branch = branch || kind == "role" || kind == "tenant" || kind == "account"
	}
	if len(parts) == 0 {
		return out, nil
	}
	q := strings.Join(parts, " UNION ALL ")
	if branch {
		q = auditBranch + q
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var id int64
		var n AuditName
		if err := rows.Scan(&kind, &id, &n.Name, &n.Key, &n.Kind, &n.Owner, &n.TenantID); err != nil {
			return nil, fmt.Errorf("store: audit names: %w", err)
		}
		if out[kind] == nil {
			out[kind] = map[int64]AuditName{}
		}
		out[kind][id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit names: %w", err)
	}
	return out, s.auditDeleted(ctx, tenantID, refs, out)
}

// auditDeleted names what the tenant deleted by the name its deletion
// event recorded; only the tenant's own events are read.
func (s *Store) auditDeleted(ctx context.Context, tenantID int64, refs AuditRefs, out AuditNames) error {
	args := []any{tenantID}
	var types, ids []string
	for _, kind := range []string{"account", "group", "role", "project", "module"} {
		missing := false
		for id := range refs[kind] {
			if _, ok := out[kind][id]; !ok {
				args = append(args, id)
				ids = append(ids, "?")
				missing = true
			}
		}
		if missing {
			types = append(types, "'"+kind+"'")
		}
	}
	if len(ids) == 0 {
		return nil
	}
	actions := make([]string, len(auditDeletes))
	for i, a := range auditDeletes {
		actions[i] = "'" + a + "'"
	}
	rows, err := s.query(ctx, `SELECT target_type, target_id, details FROM audit_events WHERE tenant_id = ?
		AND target_type IN (`+strings.Join(types, ", ")+`) AND target_id IN (`+strings.Join(ids, ", ")+`)
		AND action IN (`+strings.Join(actions, ", ")+`)`, args...)
	if err != nil {
		return fmt.Errorf("store: audit names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, details string
		var id int64
		if err := rows.Scan(&kind, &id, &details); err != nil {
			return fmt.Errorf("store: audit names: %w", err)
		}
		if !refs[kind][id] {
			continue // the same id of another kind
		}
		var d struct {
			Before struct {
				Name      string `json:"name"`
				FirstName string `json:"first_name"`
				LastName  string `json:"last_name"`
				Kind      string `json:"kind"`
			} `json:"before"`
		}
		_ = json.Unmarshal([]byte(details), &d)
		n := AuditName{Name: d.Before.Name, TenantID: tenantID, Deleted: true}
		if kind == "account" {
			n.Name = strings.TrimSpace(d.Before.FirstName + " " + d.Before.LastName)
		}
		if out[kind] == nil {
			out[kind] = map[int64]AuditName{}
		}
		out[kind][id] = n
	}
	return rows.Err()
}
