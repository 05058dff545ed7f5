package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ImportMapping is the column mapping last saved for the tenant's imports
// (a JSON object; "" when none was).
func (s *Store) ImportMapping(ctx context.Context, tenantID int64) (string, error) {
	var m string
	err := s.queryRow(ctx, `SELECT mapping FROM import_mappings WHERE tenant_id = ?`, tenantID).Scan(&m)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: import mapping: %w", err)
	}
	return m, nil
}

// SaveImportMapping remembers the mapping for by's tenant: a preference of
// its administrators, kept by whoever may import (the guard's Begin).
func (s *Store) SaveImportMapping(ctx context.Context, by Actor, mapping string) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var before string
		switch err := tx.queryRow(ctx, `SELECT mapping FROM import_mappings WHERE tenant_id = ?`, by.TenantID).Scan(&before); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("store: save import mapping: %w", err)
		case before == mapping:
			return nil // the same again: nothing to write or audit
		}
		_, err := tx.exec(ctx, `INSERT INTO import_mappings (tenant_id, mapping, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (tenant_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
			by.TenantID, mapping, s.now().Unix())
		if err != nil {
			return fmt.Errorf("store: save import mapping: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionImportMapping,
			TargetType: "tenant", TargetID: by.TenantID, Details: map[string]any{"after": map[string]any{"mapping": mapping}}})
	})
}
