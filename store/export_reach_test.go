package store

import "context"

// BlockTenant marks a tenant blocked, as deactivating it or an ancestor does.
func (s *Store) BlockTenant(ctx context.Context, id int64) error {
	_, err := s.exec(ctx, `UPDATE tenants SET blocked = 1 WHERE id = ?`, id)
	return err
}
