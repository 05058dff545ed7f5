package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// SetAvatar stores the actor's avatar (a PNG the caller has re-encoded) under
// a new random key, replacing any previous one, and returns the key.
func (s *Store) SetAvatar(ctx context.Context, by Actor, png []byte) (string, error) {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	key := hex.EncodeToString(b)
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if _, err := tx.account(ctx, by.TenantID, by.AccountID); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO avatars (account_id, tenant_id, key, png, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (account_id) DO UPDATE SET key = excluded.key, png = excluded.png, updated_at = excluded.updated_at`,
			by.AccountID, by.TenantID, key, png, tx.s.unix())
		if err != nil {
			return fmt.Errorf("store: set avatar: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAccountAvatarSet,
			TargetType: "account", TargetID: by.AccountID, Details: map[string]any{"bytes": len(png)}})
	})
	return key, err
}

// RemoveAvatar deletes the actor's avatar; removing none is not an error.
func (s *Store) RemoveAvatar(ctx context.Context, by Actor) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM avatars WHERE tenant_id = ? AND account_id = ?`, by.TenantID, by.AccountID)
		if err != nil {
			return fmt.Errorf("store: remove avatar: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAccountAvatarRemove,
			TargetType: "account", TargetID: by.AccountID})
	})
}

// AvatarKey is the key of an account's avatar, "" when it has none.
func (s *Store) AvatarKey(ctx context.Context, tenantID, accountID int64) (string, error) {
	var key string
	err := s.queryRow(ctx, `SELECT key FROM avatars WHERE tenant_id = ? AND account_id = ?`, tenantID, accountID).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: avatar key: %w", err)
	}
	return key, nil
}

// Avatar returns the PNG stored under key in the tenant; another tenant's key is ErrNotFound.
func (s *Store) Avatar(ctx context.Context, tenantID int64, key string) ([]byte, error) {
	var png []byte
	err := s.queryRow(ctx, `SELECT png FROM avatars WHERE tenant_id = ? AND key = ?`, tenantID, key).Scan(&png)
	if err != nil {
		return nil, fmt.Errorf("store: avatar: %w", notFound(err))
	}
	return png, nil
}
