package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// AuditFilter narrows the audit log; zero fields match everything. BeforeID
// pages to older events, AfterID to newer ones.
type AuditFilter struct {
	ActorID    int64
	Action     string
	TargetType string
	TargetID   int64 // with TargetType; 0 matches every target of that type
	// Person: events by this account or about it (the user page's History).
	Person   int64
	From, To time.Time // From inclusive, To exclusive
	BeforeID int64
	AfterID  int64
	Limit    int
}

// AuditEntry is an event with the names its actor and target have now (a
// renamed group shows under its new name); names are "" once deleted.
type AuditEntry struct {
	Event
	ActorName  string
	ActorEmail string
	TargetName string
	TargetKey  string // a built-in role's key, whose name is translated
	// ActorTenantID is the actor's home tenant; ActorTenantName is its name
	// when it is not the tenant acted in (a service provider's user).
	ActorTenantID   int64
	ActorTenantName string
}

// AuditEvents lists a tenant's events, newest first, keyset-paged by id.
func (s *Store) AuditEvents(ctx context.Context, tenantID int64, f AuditFilter) ([]Event, error) {
	entries, err := s.AuditEntries(ctx, tenantID, f)
	out := make([]Event, len(entries))
	for i, e := range entries {
		out[i] = e.Event
	}
	return out, err
}

// AuditEntries is one page of the audit log, newest first, in one query
// whatever the filters: at most Limit events before BeforeID (or after AfterID).
func (s *Store) AuditEntries(ctx context.Context, tenantID int64, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	var out []AuditEntry
	err := s.eachAudit(ctx, tenantID, f, f.Limit, func(e *AuditEntry) error {
		out = append(out, *e)
		return nil
	})
	if f.AfterID > 0 && f.BeforeID == 0 {
		slices.Reverse(out) // walked oldest first from the cursor
	}
	return out, err
}

// auditNames fills each row's actor and its target's current name, each a
// lookup by primary key within the event's tenant (a tenant target: the
// tenant itself or one now below it).
const auditNames = `COALESCE(TRIM(ac.first_name || ' ' || ac.last_name), ''), COALESCE(ac.email, ''),
	COALESCE(CASE e.target_type
		WHEN 'account' THEN (SELECT TRIM(first_name || ' ' || last_name) FROM accounts WHERE id = e.target_id AND (tenant_id = e.tenant_id
			OR EXISTS (SELECT 1 FROM tenant_members m WHERE m.tenant_id = e.tenant_id AND m.account_id = e.target_id)))
		WHEN 'group' THEN (SELECT name FROM user_groups WHERE id = e.target_id AND tenant_id = e.tenant_id)
		WHEN 'role' THEN (SELECT name FROM roles WHERE id = e.target_id AND tenant_id = e.tenant_id)
		WHEN 'project' THEN (SELECT name FROM projects WHERE id = e.target_id AND tenant_id = e.tenant_id)
		WHEN 'module' THEN (SELECT name FROM modules WHERE id = e.target_id AND tenant_id = e.tenant_id)
		WHEN 'api_key' THEN (SELECT name FROM api_keys WHERE id = e.target_id AND tenant_id = e.tenant_id)
		WHEN 'tenant' THEN (SELECT x.name FROM tenants x WHERE x.id = e.target_id AND (x.id = e.tenant_id OR EXISTS (
			WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM tenants WHERE id = x.parent_id
				UNION ALL SELECT t.id, t.parent_id FROM tenants t JOIN up ON t.id = up.parent_id)
			SELECT 1 FROM up WHERE up.id = e.tenant_id)))
	END, ''),
	COALESCE(CASE e.target_type WHEN 'role' THEN (SELECT builtin_key FROM roles WHERE id = e.target_id AND tenant_id = e.tenant_id) END, ''),
	COALESCE(e.actor_tenant_id, 0), COALESCE((SELECT name FROM tenants WHERE id = e.actor_tenant_id AND e.actor_tenant_id <> e.tenant_id), '')`

func (s *Store) eachAudit(ctx context.Context, tenantID int64, f AuditFilter, limit int, fn func(*AuditEntry) error) error {
	where, args := []string{"e.tenant_id = ?"}, []any{tenantID}
	add := func(cond string, v ...any) {
		where = append(where, cond)
		args = append(args, v...)
	}
	if f.ActorID != 0 {
		add("e.actor_id = ?", f.ActorID)
	}
	if f.Person != 0 {
		add("(e.actor_id = ? OR (e.target_type = 'account' AND e.target_id = ?))", f.Person, f.Person)
	}
	if f.Action != "" {
		add("e.action = ?", f.Action)
	}
	if f.TargetType != "" {
		add("e.target_type = ?", f.TargetType)
		if f.TargetID != 0 {
			add("e.target_id = ?", f.TargetID)
		}
	}
	if !f.From.IsZero() {
		add("e.at >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		add("e.at < ?", f.To.Unix())
	}
	order := "DESC"
	switch {
	case f.BeforeID > 0:
		add("e.id < ?", f.BeforeID)
	case f.AfterID > 0:
		add("e.id > ?", f.AfterID)
		order = "ASC"
	}
	q := `SELECT e.id, e.tenant_id, e.at, e.actor_id, e.ip, e.action, e.target_type, e.target_id, e.details, ` + auditNames + `
		FROM audit_events e LEFT JOIN accounts ac ON ac.id = e.actor_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY e.id ` + order + ` LIMIT ?`
	rows, err := s.query(ctx, q, append(args, limit)...)
	if err != nil {
		return fmt.Errorf("store: audit events: %w", err)
	}
	defer rows.Close()
	var e AuditEntry
	for rows.Next() {
		var tenant, actor, target sql.NullInt64
		var at int64
		var details string
		e = AuditEntry{}
		if err := rows.Scan(&e.ID, &tenant, &at, &actor, &e.IP, &e.Action, &e.TargetType, &target, &details,
			&e.ActorName, &e.ActorEmail, &e.TargetName, &e.TargetKey, &e.ActorTenantID, &e.ActorTenantName); err != nil {
			return fmt.Errorf("store: audit events: %w", err)
		}
		e.TenantID, e.ActorID, e.TargetID = tenant.Int64, actor.Int64, target.Int64
		e.At = time.Unix(at, 0).UTC()
		if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
			return fmt.Errorf("store: audit events: %w", err)
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: audit events: %w", err)
	}
	return nil
}

// AccountByLoginOrEmail finds an account of the tenant (at home or a member)
// by its login or email (any case), for the audit log's actor filter.
func (s *Store) AccountByLoginOrEmail(ctx context.Context, tenantID int64, v string) (Account, error) {
	var a Account
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE (a.tenant_id = ?1
		OR EXISTS (SELECT 1 FROM tenant_members tm WHERE tm.tenant_id = ?1 AND tm.account_id = a.id))
		AND (a.login = ?2 OR a.email = ?3) ORDER BY a.login = ?2 DESC LIMIT 1`, tenantID, v, strings.ToLower(v)), &a)
	if err != nil {
		return a, fmt.Errorf("store: account: %w", notFound(err))
	}
	return a, nil
}
