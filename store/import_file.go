package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// ImportFile is an uploaded import file, kept for its preview and apply.
type ImportFile struct {
	Key     string
	Name    string
	SHA256  string // hex, of Content
	Content []byte
}

// importFileDays is how long an uploaded file is kept; a person keeps their
// last importFilesPerAccount uploads, a tenant its last importFilesPerTenant
// (8 MB each at most: uploads in a loop cannot fill the disk).
const (
	importFileDays        = 1
	importFilesPerAccount = 3
	importFilesPerTenant  = 20
)

// SaveImportFile keeps an uploaded file for by (its account, its tenant)
// under a new random key, and drops the files older than a day and those
// past the account's and the tenant's last few.
func (s *Store) SaveImportFile(ctx context.Context, by Actor, name string, content []byte) (ImportFile, error) {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	sum := sha256.Sum256(content)
	f := ImportFile{Key: hex.EncodeToString(b), Name: name, SHA256: hex.EncodeToString(sum[:]), Content: content}
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		now := tx.s.unix()
		if _, err := tx.exec(ctx, `DELETE FROM import_files WHERE created_at < ?`, now-importFileDays*86400); err != nil {
			return fmt.Errorf("store: save import file: %w", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO import_files (key, tenant_id, account_id, name, sha256, content, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, f.Key, by.TenantID, by.AccountID, name, f.SHA256, content, now)
		if err != nil {
			return fmt.Errorf("store: save import file: %w", err)
		}
		if err := tx.keepNewestImports(ctx, by, f.Key); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionImportUpload,
			TargetType: "tenant", TargetID: by.TenantID, Details: map[string]any{"name": name, "sha256": f.SHA256, "bytes": len(content)}})
	})
	return f, err
}

// keepNewestImports drops the files past the last few of by's account and
// of by's tenant; the file just saved (key) is always kept.
func (tx *Tx) keepNewestImports(ctx context.Context, by Actor, key string) error {
	for _, scope := range []struct {
		where string
		args  []any
		keep  int
	}{
		{"tenant_id = ? AND account_id = ?", []any{by.TenantID, by.AccountID}, importFilesPerAccount},
		{"tenant_id = ?", []any{by.TenantID}, importFilesPerTenant},
	} {
		args := append(append(append([]any{key}, scope.args...), key), scope.args...)
		_, err := tx.exec(ctx, `DELETE FROM import_files WHERE key <> ? AND `+scope.where+` AND key NOT IN
			(SELECT key FROM import_files WHERE key <> ? AND `+scope.where+` ORDER BY created_at DESC, key LIMIT `+
			fmt.Sprint(scope.keep-1)+`)`, args...)
		if err != nil {
			return fmt.Errorf("store: save import file: %w", err)
		}
	}
	return nil
}

// ImportFileOf returns the file key uploaded by accountID in tenantID;
// anyone else's, or an expired one, is ErrNotFound.
func (s *Store) ImportFileOf(ctx context.Context, tenantID, accountID int64, key string) (ImportFile, error) {
	f := ImportFile{Key: key}
	err := s.queryRow(ctx, `SELECT name, sha256, content FROM import_files
		WHERE key = ? AND tenant_id = ? AND account_id = ? AND created_at >= ?`,
		key, tenantID, accountID, s.unix()-importFileDays*86400).Scan(&f.Name, &f.SHA256, &f.Content)
	if err != nil {
		return f, fmt.Errorf("store: import file: %w", notFound(err))
	}
	return f, nil
}
