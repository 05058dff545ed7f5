package store

import (
	"context"
	"fmt"
	"time"
)

// expiredRow is one grant whose end has come: an account (b = 0), a direct
// role (b the role), a membership (a the group, b the account) or an API key.
type expiredRow struct{ a, b, at int64 }

func (s *Store) expiredRows(ctx context.Context, q string, args ...any) ([]expiredRow, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: expired: %w", err)
	}
	defer rows.Close()
	var out []expiredRow
	for rows.Next() {
		var r expiredRow
		if err := rows.Scan(&r.a, &r.b, &r.at); err != nil {
			return nil, fmt.Errorf("store: expired: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RecordExpiries records, by the store's clock, what has expired in the
// tenant since the last sweep, each once with its audit event (marked as the
// policy's): expired accounts and API keys are noted (they stay, refused at
// check time); expired direct roles and group memberships are removed, and
// the cached has_role flag of their accounts follows. It returns how many.
// Each record is its own transaction, and one that another sweep recorded
// meanwhile changes nothing.
func (s *Store) RecordExpiries(ctx context.Context, tenantID int64) (int, error) {
	now := s.unix()
	n := 0
	kinds := []struct {
		read, write string
		event       func(r expiredRow) Event
		grant       bool
	}{
		{`SELECT id, 0, expires_at FROM accounts WHERE tenant_id = ? AND expires_at <> 0 AND expires_at <= ? AND expiry_noted <> expires_at`,
			`UPDATE accounts SET expiry_noted = expires_at WHERE tenant_id = ? AND id = ? AND ? = 0 AND expires_at = ?`,
			func(r expiredRow) Event {
				return Event{Action: ActionUserExpired, TargetType: "account", TargetID: r.a}
			}, false},
		{`SELECT account_id, role_id, expires_at FROM account_roles WHERE tenant_id = ? AND expires_at <> 0 AND expires_at <= ?`,
			`DELETE FROM account_roles WHERE tenant_id = ? AND account_id = ? AND role_id = ? AND expires_at = ?`,
			func(r expiredRow) Event {
				return Event{Action: ActionUserRoleExpired, TargetType: "account", TargetID: r.a, Details: map[string]any{"role_id": r.b}}
			}, true},
		{`SELECT group_id, account_id, expires_at FROM group_members WHERE tenant_id = ? AND expires_at <> 0 AND expires_at <= ?`,
			`DELETE FROM group_members WHERE tenant_id = ? AND group_id = ? AND account_id = ? AND expires_at = ?`,
			func(r expiredRow) Event {
				return Event{Action: ActionGroupMemberExpired, TargetType: "group", TargetID: r.a, Details: map[string]any{"account_id": r.b}}
			}, true},
		{`SELECT id, account_id, expires_at FROM api_keys WHERE tenant_id = ? AND expires_at <> 0 AND expires_at <= ? AND revoked_at = 0 AND expiry_noted <> expires_at`,
			`UPDATE api_keys SET expiry_noted = expires_at WHERE tenant_id = ? AND id = ? AND account_id = ? AND expires_at = ?`,
			func(r expiredRow) Event {
				return Event{Action: ActionAPIKeyExpired, TargetType: "api_key", TargetID: r.a, Details: map[string]any{"account_id": r.b}}
			}, false},
	}
	for _, k := range kinds {
		rows, err := s.expiredRows(ctx, k.read, tenantID, now)
		if err != nil {
			return n, err
		}
		for _, r := range rows {
			err := s.tx(ctx, func(tx *Tx) error {
				res, err := tx.exec(ctx, k.write, tenantID, r.a, r.b, r.at)
				if err != nil {
					return fmt.Errorf("store: record expiry: %w", err)
				}
				if m, _ := res.RowsAffected(); m == 0 {
					return nil // recorded meanwhile, or its expiry changed
				}
				if k.grant {
					if err := tx.expiredGrantFollow(ctx, tenantID, r, k.event(r).TargetType == "group"); err != nil {
						return err
					}
				}
				e := k.event(r)
				e.TenantID = tenantID
				if e.Details == nil {
					e.Details = map[string]any{}
				}
				e.Details["policy"] = "expiry"
				e.Details["expires_at"] = time.Unix(r.at, 0).UTC().Format(time.RFC3339)
				n++
				return tx.audit(ctx, e)
			})
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// expiredGrantFollow keeps what caches a removed grant in step: a group's
// member count, and the account's has_role flag.
func (tx *Tx) expiredGrantFollow(ctx context.Context, tenantID int64, r expiredRow, membership bool) error {
	account := r.a
	if membership {
		account = r.b
		if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = (SELECT COUNT(*) FROM group_members WHERE group_id = ?)
			WHERE tenant_id = ? AND id = ?`, r.a, tenantID, r.a); err != nil {
			return fmt.Errorf("store: record expiry: %w", err)
		}
	}
	return tx.syncHasRoleOf(ctx, tenantID, []int64{account})
}
