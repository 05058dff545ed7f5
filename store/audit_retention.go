package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Audit retention bounds, in days; the default is the column's (400).
const (
	MinAuditRetention = 30
	MaxAuditRetention = 3650
)

// ErrBadRetention means a retention outside MinAuditRetention..MaxAuditRetention.
var ErrBadRetention = errors.New("store: audit retention out of range")

// AuditRetention is how many days the tenant keeps its audit events.
func (s *Store) AuditRetention(ctx context.Context, tenantID int64) (int, error) {
	var days int
	err := s.queryRow(ctx, `SELECT audit_retention_days FROM tenants WHERE id = ?`, tenantID).Scan(&days)
	if err != nil {
		return 0, fmt.Errorf("store: audit retention: %w", notFound(err))
	}
	return days, nil
}

// SetAuditRetention changes the tenant's retention, with its audit event.
func (s *Store) SetAuditRetention(ctx context.Context, by Actor, days int) error {
	if days < MinAuditRetention || days > MaxAuditRetention {
		return ErrBadRetention
	}
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var before int
		if err := tx.queryRow(ctx, `SELECT audit_retention_days FROM tenants WHERE id = ?`, by.TenantID).Scan(&before); err != nil {
			return fmt.Errorf("store: audit retention: %w", notFound(err))
		}
		if before == days {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE tenants SET audit_retention_days = ? WHERE id = ?`, days, by.TenantID); err != nil {
			return fmt.Errorf("store: audit retention: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAuditRetention,
			TargetType: "tenant", TargetID: by.TenantID,
			Details: map[string]any{"before": map[string]any{"days": before}, "after": map[string]any{"days": days}}})
	})
}

// PurgeAudit deletes, in every tenant, the events older than its retention
// (by the store's clock). Each tenant's purge is one transaction that also
// records the purge as an event; a tenant with nothing to delete gets none.
// It returns how many events went, per tenant.
func (s *Store) PurgeAudit(ctx context.Context) (map[int64]int64, error) {
	rows, err := s.query(ctx, `SELECT id, audit_retention_days FROM tenants ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: purge audit: %w", err)
	}
	type tenant struct {
		id   int64
		days int
	}
	var tenants []tenant
	for rows.Next() {
		var t tenant
		if err := rows.Scan(&t.id, &t.days); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: purge audit: %w", err)
		}
		tenants = append(tenants, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: purge audit: %w", err)
	}
	out := map[int64]int64{}
	now := s.now()
	for _, t := range tenants {
		cutoff := now.AddDate(0, 0, -t.days)
		err := s.tx(ctx, func(tx *Tx) error {
			res, err := tx.exec(ctx, `DELETE FROM audit_events WHERE tenant_id = ? AND at < ?`, t.id, cutoff.Unix())
			if err != nil {
				return fmt.Errorf("store: purge audit: %w", err)
			}
			n, _ := res.RowsAffected()
			if n == 0 {
				return nil
			}
			out[t.id] = n
			return tx.audit(ctx, Event{TenantID: t.id, Action: ActionAuditPurge, TargetType: "tenant", TargetID: t.id,
				Details: map[string]any{"deleted": n, "retention_days": t.days, "older_than": cutoff.UTC().Format(time.RFC3339)}})
		})
		if err != nil {
			return out, err
		}
	}
	return out, nil
}
