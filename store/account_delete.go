package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrNotPending means only a pending account (never active) may be deleted;
// any other is deactivated instead, so what it did keeps its author.
var ErrNotPending = errors.New("store: account not pending")

// DeletePendingAccount deletes a pending account with its audit event.
func (s *Store) DeletePendingAccount(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		a, err := tx.account(ctx, by.TenantID, id)
		if err != nil {
			return err
		}
		if a.Status != "pending" {
			return ErrNotPending
		}
		groups, err := ids(tx.query(ctx, `SELECT group_id FROM group_members WHERE tenant_id = ? AND account_id = ?`, by.TenantID, id))
		if err != nil {
			return fmt.Errorf("store: delete account: %w", err)
		}
		for _, q := range []string{`DELETE FROM group_members WHERE tenant_id = ? AND account_id = ?`,
			`DELETE FROM accounts WHERE tenant_id = ? AND id = ?`} {
			if _, err := tx.exec(ctx, q, by.TenantID, id); err != nil {
				return fmt.Errorf("store: delete account: %w", err)
			}
		}
		for _, g := range groups {
			if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = (SELECT COUNT(*) FROM group_members WHERE group_id = ?)
				WHERE tenant_id = ? AND id = ?`, g, by.TenantID, g); err != nil {
				return fmt.Errorf("store: delete account: %w", err)
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: "user.delete",
			TargetType: "account", TargetID: id, Details: map[string]any{"before": profileMap(a, nil)}})
	})
}
