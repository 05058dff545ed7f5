package store

import (
	"context"
	"fmt"
	"time"
)

// Dormant is a person without activity since Since, as the policy sees them.
type Dormant struct {
	ID                       int64
	Login, Name, Email, Lang string
	LastActive               time.Time // zero: never active
	Since                    time.Time // last activity, or creation for someone never active
	Managed                  bool      // by the identity provider (SCIM, in external mode)
	WarnedAt, NotedAt        time.Time // zero: not warned, not reported
}

// DormantPeople lists the tenant's pending and active accounts inactive
// since cutoff or before (their last activity, or their creation), oldest
// first, leaving out those the policy exempts. It writes nothing.
func (s *Store) DormantPeople(ctx context.Context, tenantID int64, p Policy, cutoff time.Time) ([]Dormant, error) {
	var mode string
	if err := s.queryRow(ctx, `SELECT provisioning FROM tenants WHERE id = ?`, tenantID).Scan(&mode); err != nil {
		return nil, fmt.Errorf("store: dormant: %w", notFound(err))
	}
	const since = `CASE WHEN a.last_active_at > a.created_at THEN a.last_active_at ELSE a.created_at END`
	rows, err := s.query(ctx, `SELECT a.id, a.login, a.first_name, a.last_name, COALESCE(a.email, ''), a.language,
		a.last_active_at, `+since+`, a.scim_managed, a.dormancy_warned_at, a.dormancy_noted_at
		FROM accounts a WHERE a.tenant_id = ? AND a.status IN ('pending', 'active') AND a.dormancy_exempt = 0
		AND (a.kind <> 'service' OR ? = 0) AND (a.user_type <> 'admin' OR ? = 0) AND `+since+` <= ?
		ORDER BY 8, a.id`, tenantID, p.ExemptServices, p.ExemptAdmins, cutoff.Unix())
	if err != nil {
		return nil, fmt.Errorf("store: dormant: %w", err)
	}
	defer rows.Close()
	var out []Dormant
	for rows.Next() {
		var d Dormant
		var first, last string
		var active, since, warned, noted int64
		if err := rows.Scan(&d.ID, &d.Login, &first, &last, &d.Email, &d.Lang, &active, &since, &d.Managed, &warned, &noted); err != nil {
			return nil, fmt.Errorf("store: dormant: %w", err)
		}
		d.Name = first + " " + last
		d.Managed = d.Managed && mode == ProvisioningExternal
		d.LastActive, d.Since, d.WarnedAt, d.NotedAt = unixOrZero(active), time.Unix(since, 0).UTC(), unixOrZero(warned), unixOrZero(noted)
		out = append(out, d)
	}
	return out, rows.Err()
}

// DormancyWarned records that the warning went to the account at at, with its
// mail queued in the same transaction, so it goes once per dormant period.
func (s *Store) DormancyWarned(ctx context.Context, tenantID, id int64, at time.Time, mails []Mail) error {
	return s.tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE accounts SET dormancy_warned_at = ? WHERE tenant_id = ? AND id = ?`,
			at.Unix(), tenantID, id); err != nil {
			return fmt.Errorf("store: dormancy warned: %w", err)
		}
		for _, m := range mails {
			if err := tx.enqueue(ctx, m); err != nil {
				return err
			}
		}
		return tx.audit(ctx, Event{TenantID: tenantID, Action: ActionDormancyWarn, TargetType: "account", TargetID: id,
			Details: map[string]any{"policy": "dormancy"}})
	})
}

// DormancyReported records, once per dormant period, that the policy would
// have deactivated the account but did not, and why (reason: "managed",
// "last_manager").
func (s *Store) DormancyReported(ctx context.Context, tenantID, id int64, at time.Time, reason string) error {
	return s.tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE accounts SET dormancy_noted_at = ? WHERE tenant_id = ? AND id = ?`,
			at.Unix(), tenantID, id); err != nil {
			return fmt.Errorf("store: dormancy reported: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: tenantID, Action: ActionDormancyReport, TargetType: "account", TargetID: id,
			Details: map[string]any{"policy": "dormancy", "reason": reason}})
	})
}

// PolicyTenants lists the active tenants' ids, for the sweeper.
func (s *Store) PolicyTenants(ctx context.Context) ([]int64, error) {
	return ids(s.query(ctx, `SELECT id FROM tenants WHERE status = 'active' ORDER BY id`))
}

// DormancyExempted lists up to limit of the tenant's people exempted by
// choice, by login, and how many they are in all.
func (s *Store) DormancyExempted(ctx context.Context, tenantID int64, limit int) ([]Dormant, int, error) {
	rows, err := s.query(ctx, `SELECT a.id, a.login, a.first_name, a.last_name, COALESCE(a.email, ''), a.last_active_at,
		COUNT(*) OVER () FROM accounts a WHERE a.tenant_id = ? AND a.dormancy_exempt <> 0 ORDER BY a.login LIMIT ?`, tenantID, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: exempted: %w", err)
	}
	defer rows.Close()
	var out []Dormant
	total := 0
	for rows.Next() {
		var d Dormant
		var first, last string
		var active int64
		if err := rows.Scan(&d.ID, &d.Login, &first, &last, &d.Email, &active, &total); err != nil {
			return nil, 0, fmt.Errorf("store: exempted: %w", err)
		}
		d.Name, d.LastActive = first+" "+last, unixOrZero(active)
		out = append(out, d)
	}
	return out, total, rows.Err()
}
