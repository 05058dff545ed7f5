package store

import (
	"context"
	"fmt"
	"time"
)

// TouchKeyAccount records activity of the account whose API key was used at
// at, throttled as TouchActive is (one statement when nothing is due): a
// key's use keeps its account from counting as dormant.
func (s *Store) TouchKeyAccount(ctx context.Context, keyID int64, at time.Time) error {
	res, err := s.exec(ctx, `UPDATE accounts SET last_active_at = ? WHERE id = (SELECT account_id FROM api_keys WHERE id = ?)
		AND last_active_at <= ?`, at.Unix(), keyID, at.Unix()-60)
	if err != nil {
		return fmt.Errorf("store: touch key account: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if _, err := s.exec(ctx, `UPDATE tenant_members SET last_active_at = ? WHERE account_id = (SELECT account_id FROM api_keys WHERE id = ?)`,
		at.Unix(), keyID); err != nil {
		return fmt.Errorf("store: touch key account: %w", err)
	}
	return nil
}
