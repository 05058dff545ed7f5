package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrNotHeld means the account does not hold that role directly, or is not
// a member of that group: there is no grant whose expiry could be set.
var ErrNotHeld = errors.New("store: no such grant")

// expiryValue is at as stored: unix seconds, 0 for never.
func expiryValue(at time.Time) int64 {
	if at.IsZero() {
		return 0
	}
	return at.Unix()
}

// expiryDetail is a stored expiry as audit details show it.
func expiryDetail(v int64) any {
	if v == 0 {
		return nil
	}
	return time.Unix(v, 0).UTC().Format(time.RFC3339)
}

// SetAccountExpiry sets when an account ends (zero: never), under by's guard
// and the last-manager rule, with its audit event.
func (s *Store) SetAccountExpiry(ctx context.Context, by Actor, accountID int64, at time.Time) error {
	return s.setExpiry(ctx, by, accountID, ActionUserExpiry, "account", accountID, nil,
		`SELECT expires_at FROM accounts WHERE tenant_id = ? AND id = ?`,
		`UPDATE accounts SET expires_at = ? WHERE tenant_id = ? AND id = ?`, expiryValue(at), by.TenantID, accountID)
}

// The expiry of a direct role and of a group membership: read with the
// grant's keys, written with the new expiry before them.
const (
	roleExpiryRead    = `SELECT expires_at FROM account_roles WHERE tenant_id = ? AND account_id = ? AND role_id = ?`
	roleExpiryWrite   = `UPDATE account_roles SET expires_at = ? WHERE tenant_id = ? AND account_id = ? AND role_id = ?`
	memberExpiryRead  = `SELECT expires_at FROM group_members WHERE tenant_id = ? AND group_id = ? AND account_id = ?`
	memberExpiryWrite = `UPDATE group_members SET expires_at = ? WHERE tenant_id = ? AND group_id = ? AND account_id = ?`
)

// SetRoleExpiry sets when an account's direct role ends (zero: never).
func (s *Store) SetRoleExpiry(ctx context.Context, by Actor, accountID, roleID int64, at time.Time) error {
	return s.setExpiry(ctx, by, accountID, ActionUserRoleExpiry, "account", accountID, map[string]any{"role_id": roleID},
		roleExpiryRead, roleExpiryWrite, expiryValue(at), by.TenantID, accountID, roleID)
}

// SetMembershipExpiry sets when an account's membership of a group ends (zero: never).
func (s *Store) SetMembershipExpiry(ctx context.Context, by Actor, groupID, accountID int64, at time.Time) error {
	return s.setExpiry(ctx, by, accountID, ActionGroupMemberExpiry, "group", groupID, map[string]any{"account_id": accountID},
		memberExpiryRead, memberExpiryWrite, expiryValue(at), by.TenantID, groupID, accountID)
}

// setExpiry reads the grant's expiry (read, with args[1:]), writes it
// (write, with args) and audits the change; the account's access is judged
// before and after, and the tenant must keep a manager.
func (s *Store) setExpiry(ctx context.Context, by Actor, accountID int64, action Action, targetType string, targetID int64,
	details map[string]any, read, write string, args ...any) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			return tx.setExpiry(ctx, by, accountID, action, targetType, targetID, details, read, write, args...)
		})
	})
}

// setExpiry is the store's setExpiry inside its transaction and guard.
func (tx *Tx) setExpiry(ctx context.Context, by Actor, accountID int64, action Action, targetType string, targetID int64,
	details map[string]any, read, write string, args ...any) error {
	if err := tx.noteManager(ctx, by.TenantID); err != nil {
		return err
	}
	a, err := tx.account(ctx, by.TenantID, accountID)
	if err != nil {
		return err
	}
	// Under external provisioning the provider's people and groups are its
	// own: an end is a removal at a date (a direct role stays the console's).
	switch action {
	case ActionUserExpiry:
		err = tx.locked(ctx, by, a.SCIMManaged)
	case ActionGroupMemberExpiry:
		err = tx.lockedGroup(ctx, by, targetID)
	}
	if err != nil {
		return err
	}
	var before int64
	switch err := tx.queryRow(ctx, read, args[1:]...).Scan(&before); {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotHeld
	case err != nil:
		return fmt.Errorf("store: expiry: %w", err)
	}
	after := args[0].(int64)
	if before == after {
		return nil
	}
	if _, err := tx.exec(ctx, write, args...); err != nil {
		return fmt.Errorf("store: expiry: %w", err)
	}
	if err := tx.ensureManager(ctx, by.TenantID); err != nil {
		return err
	}
	d := map[string]any{"before": map[string]any{"expires_at": expiryDetail(before)},
		"after": map[string]any{"expires_at": expiryDetail(after)}}
	for k, v := range details {
		d[k] = v
	}
	return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
		TargetType: targetType, TargetID: targetID, Details: d})
}

// Now is the store's clock: what expiry is judged against.
func (s *Store) Now() time.Time { return s.now() }
