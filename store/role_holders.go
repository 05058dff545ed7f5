package store

import (
	"context"
	"fmt"
)

// RoleHolderCounts says how many accounts hold each of the tenant's roles,
// directly or through a group (each counted once per role): one query.
func (s *Store) RoleHolderCounts(ctx context.Context, tenantID int64) (map[int64]int, error) {
	rows, err := s.query(ctx, `SELECT x.role_id, COUNT(*) FROM (SELECT ar.role_id, ar.account_id FROM account_roles ar WHERE ar.tenant_id = ?
		UNION SELECT gr.role_id, gm.account_id FROM group_roles gr JOIN group_members gm ON gm.group_id = gr.group_id
		WHERE gr.tenant_id = ?) x GROUP BY x.role_id`, tenantID, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: role holders: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: role holders: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
