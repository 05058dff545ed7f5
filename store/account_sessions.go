package store

import (
	"context"
	"fmt"
	"time"
)

// AccountSessions lists an account's sessions, most recently seen first; the
// account must be the tenant's. The list is bounded: a browser per device.
func (s *Store) AccountSessions(ctx context.Context, tenantID, accountID int64) ([]Session, error) {
	rows, err := s.query(ctx, `SELECT s.id_hash, s.account_id, s.created_at, s.last_seen_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id
		WHERE a.tenant_id = ? AND s.account_id = ? ORDER BY s.last_seen_at DESC, s.created_at DESC LIMIT 100`,
		tenantID, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: account sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var ss Session
		var created, seen int64
		if err := rows.Scan(&ss.IDHash, &ss.AccountID, &created, &seen); err != nil {
			return nil, fmt.Errorf("store: account sessions: %w", err)
		}
		ss.CreatedAt, ss.LastSeenAt = time.Unix(created, 0).UTC(), time.Unix(seen, 0).UTC()
		out = append(out, ss)
	}
	return out, rows.Err()
}

// EndOtherSessions signs the actor out of every session but keepSession (an id hash).
func (s *Store) EndOtherSessions(ctx context.Context, by Actor, keepSession string) (int64, error) {
	var ended int64
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var err error
		if ended, err = tx.endSessions(ctx, by.TenantID, by.AccountID, keepSession); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAccountSessionsEndOthers,
			TargetType: "account", TargetID: by.AccountID, Details: map[string]any{"sessions_ended": ended}})
	})
	return ended, err
}

// endSessions deletes the tenant account's sessions except keep ("" keeps none).
func (tx *Tx) endSessions(ctx context.Context, tenantID, accountID int64, keep string) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE account_id = ? AND id_hash <> ?
		AND account_id IN (SELECT id FROM accounts WHERE tenant_id = ?)`, accountID, keep, tenantID)
	if err != nil {
		return 0, fmt.Errorf("store: end sessions: %w", err)
	}
	return res.RowsAffected()
}
