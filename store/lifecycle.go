package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrNotPending refuses deleting an account that is not pending, or signs in
// with SSO: active and deactivated accounts are deactivated, never deleted.
var ErrNotPending = errors.New("store: only pending password accounts can be deleted")

// joinGroups makes a new account a member of groups of its tenant.
func (tx *Tx) joinGroups(ctx context.Context, tenantID, accountID int64, groupIDs []int64) error {
	for _, g := range groupIDs {
		res, err := tx.exec(ctx, `INSERT INTO group_members (tenant_id, group_id, account_id, sort_name)
			SELECT g.tenant_id, g.id, a.id, a.sort_name FROM user_groups g JOIN accounts a ON a.tenant_id = g.tenant_id
			WHERE g.tenant_id = ? AND g.id = ? AND a.id = ? ON CONFLICT DO NOTHING`, tenantID, g, accountID)
		if err != nil {
			return fmt.Errorf("store: join groups: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = member_count + 1 WHERE tenant_id = ? AND id = ?`,
			tenantID, g); err != nil {
			return fmt.Errorf("store: join groups: %w", err)
		}
	}
	if len(groupIDs) == 0 {
		return nil
	}
	return tx.syncHasRoleOf(ctx, tenantID, []int64{accountID})
}

// activate turns a pending account active with its password set, as the
// person following an invitation, activation or verification link.
func (tx *Tx) activate(ctx context.Context, a Account, passwordHash string) error {
	q, args := `UPDATE accounts SET status = 'active', updated_at = ? WHERE id = ?`, []any{tx.s.unix(), a.ID}
	if passwordHash != "" {
		q = `UPDATE accounts SET status = 'active', password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?`
		args = []any{passwordHash, tx.s.unix(), a.ID}
	}
	if _, err := tx.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("store: activate: %w", err)
	}
	return tx.syncTermStatus(ctx, a.ID, "active")
}

// AcceptInvitation uses an invitation or activation link: the pending account
// gets its password and becomes active, with the roles and groups chosen for it.
func (s *Store) AcceptInvitation(ctx context.Context, hash, passwordHash, ip string) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		_, acct, err := tx.useLink(ctx, hash, "invite")
		if err != nil {
			return err
		}
		if acct.Status != "pending" || acct.AuthMethod != "password" {
			return ErrBadLink
		}
		if err := tx.activate(ctx, acct, passwordHash); err != nil {
			return err
		}
		if a, err = tx.account(ctx, acct.TenantID, acct.ID); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: a.TenantID, ActorID: a.ID, IP: ip, Action: ActionUserInvitationAccept,
			TargetType: "account", TargetID: a.ID})
	})
	return a, err
}

// DeletePending deletes a pending password account (and its links and
// memberships); an invitation's revocation is this deletion.
func (s *Store) DeletePending(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() error {
			a, err := tx.account(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if a.Status != "pending" || a.AuthMethod != "password" || a.Kind != "user" {
				return ErrNotPending
			}
			if err := tx.locked(ctx, by, a.SCIMManaged); err != nil {
				return err
			}
			groups, err := ids(tx.query(ctx, `SELECT group_id FROM group_members WHERE tenant_id = ? AND account_id = ?`, by.TenantID, id))
			if err != nil {
				return fmt.Errorf("store: delete account: %w", err)
			}
			if _, err := tx.exec(ctx, `DELETE FROM accounts WHERE tenant_id = ? AND id = ?`, by.TenantID, id); err != nil {
				return fmt.Errorf("store: delete account: %w", err)
			}
			for _, g := range groups {
				if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = member_count - 1 WHERE tenant_id = ? AND id = ?`,
					by.TenantID, g); err != nil {
					return fmt.Errorf("store: delete account: %w", err)
				}
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserDelete,
				TargetType: "account", TargetID: id, Details: map[string]any{"before": profileMap(a, nil)}})
		})
	})
}

// ResetPassword uses a reset link: the password changes, any temporary
// password is cleared and every session of the account ends.
func (s *Store) ResetPassword(ctx context.Context, hash, passwordHash, ip string) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		_, acct, err := tx.useLink(ctx, hash, "reset")
		if err != nil {
			return err
		}
		if acct.Status != "active" || acct.AuthMethod != "password" || acct.Kind != "user" {
			return ErrBadLink
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?`,
			passwordHash, tx.s.unix(), acct.ID); err != nil {
			return fmt.Errorf("store: reset password: %w", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE account_id = ?`, acct.ID); err != nil {
			return fmt.Errorf("store: reset password: %w", err)
		}
		a = acct
		return tx.audit(ctx, Event{TenantID: a.TenantID, ActorID: a.ID, IP: ip, Action: ActionUserPasswordReset,
			TargetType: "account", TargetID: a.ID})
	})
	return a, err
}
