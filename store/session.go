package store

import (
	"context"
	"fmt"
	"time"
)

// Session is a signed-in browser; only the SHA-256 of its id is stored.
type Session struct {
	IDHash     string
	AccountID  int64
	Data       string
	CreatedAt  time.Time
	LastSeenAt time.Time
	AvatarKey  string // the account's avatar, loaded with the session so the top bar costs no query
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, idHash string, accountID int64, data string) error {
	now := s.unix()
	_, err := s.exec(ctx, `INSERT INTO sessions (id_hash, account_id, data, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`,
		idHash, accountID, data, now, now)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SaveSession updates a session's data and last-seen time.
func (s *Store) SaveSession(ctx context.Context, idHash, data string, seen time.Time) error {
	_, err := s.exec(ctx, `UPDATE sessions SET data = ?, last_seen_at = ? WHERE id_hash = ?`, data, seen.Unix(), idHash)
	if err != nil {
		return fmt.Errorf("store: save session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	if _, err := s.exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// PurgeSessions deletes sessions idle since idleBefore or created before createdBefore.
func (s *Store) PurgeSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?`, idleBefore.Unix(), createdBefore.Unix())
	if err != nil {
		return 0, fmt.Errorf("store: purge sessions: %w", err)
	}
	return res.RowsAffected()
}

// SessionCount is how many sessions an account has, for tests and the account page.
func (s *Store) SessionCount(ctx context.Context, accountID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM sessions WHERE account_id = ?`, accountID).Scan(&n)
	return n, err
}
