package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ChangePassword sets the actor's own password hash, clears a forced change,
// and ends every other session of the account: whoever knew the old password
// is signed out everywhere but here. keepSession is the kept session's id hash.
func (s *Store) ChangePassword(ctx context.Context, by Actor, hash, keepSession string) (int64, error) {
	var ended int64
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if err := tx.setPassword(ctx, by.TenantID, by.AccountID, hash, false); err != nil {
			return err
		}
		var err error
		if ended, err = tx.endSessions(ctx, by.TenantID, by.AccountID, keepSession); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAccountPasswordChange,
			TargetType: "account", TargetID: by.AccountID, Details: map[string]any{"sessions_ended": ended}})
	})
	return ended, err
}

// ErrNotActive: only an active person can be given a temporary password.
var ErrNotActive = errors.New("store: the account is not active")

// SetTemporaryPassword gives an active password user a password chosen by an
// administrator, to be replaced at the next sign-in, and ends all its sessions.
// An SSO or service account is ErrNotFound: it has no password to set; a
// pending or deactivated one is ErrNotActive, checked in the transaction.
func (s *Store) SetTemporaryPassword(ctx context.Context, by Actor, id int64, hash string) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() error {
			var status string
			err := tx.queryRow(ctx, `SELECT status FROM accounts WHERE tenant_id = ? AND id = ?`, by.TenantID, id).Scan(&status)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store: set password: %w", ErrNotFound)
			} else if err != nil {
				return err
			}
			if status != "active" {
				return ErrNotActive
			}
			if err := tx.setPassword(ctx, by.TenantID, id, hash, true); err != nil {
				return err
			}
			ended, err := tx.endSessions(ctx, by.TenantID, id, "")
			if err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserPasswordTemporary,
				TargetType: "account", TargetID: id, Details: map[string]any{"sessions_ended": ended}})
		})
	})
}

// setPassword also ends the account's open reset links: they were asked for
// before this password existed.
func (tx *Tx) setPassword(ctx context.Context, tenantID, id int64, hash string, mustChange bool) error {
	res, err := tx.exec(ctx, `UPDATE accounts SET password_hash = ?, must_change_password = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ? AND kind = 'user' AND auth_method = 'password'`,
		hash, mustChange, tx.s.unix(), tenantID, id)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: set password: %w", ErrNotFound)
	}
	return tx.endLinks(ctx, id, "reset")
}
