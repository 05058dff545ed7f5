package store

import (
	"context"
	"fmt"
)

// HeldRolesOf lists the roles of each listed account with their source, in
// one query for a whole page of accounts.
func (s *Store) HeldRolesOf(ctx context.Context, tenantID int64, accountIDs []int64) (map[int64][]HeldRole, error) {
	out := make(map[int64][]HeldRole, len(accountIDs))
	if len(accountIDs) == 0 {
		return out, nil
	}
	args := []any{tenantID}
	for _, id := range accountIDs {
		args = append(args, id)
	}
	args = append(args, tenantID)
	args = append(args, args[1:len(accountIDs)+1]...)
	in := placeholders(len(accountIDs))
	now := s.unix()
	rows, err := s.query(ctx, `SELECT ar.account_id, r.id, COALESCE(r.builtin_key, ''), r.name, 0, '', ar.expires_at FROM account_roles ar
		JOIN roles r ON r.id = ar.role_id WHERE ar.tenant_id = ? AND ar.account_id IN (`+in+`) AND `+live("ar", now)+`
		UNION ALL
		SELECT gm.account_id, r.id, COALESCE(r.builtin_key, ''), r.name, g.id, g.name, gm.expires_at FROM group_members gm
		JOIN user_groups g ON g.id = gm.group_id JOIN group_roles gr ON gr.group_id = g.id JOIN roles r ON r.id = gr.role_id
		WHERE gm.tenant_id = ? AND gm.account_id IN (`+in+`) AND `+live("gm", now)+`
		ORDER BY 1, 2, 5`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: held roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var h HeldRole
		var exp int64
		if err := rows.Scan(&id, &h.RoleID, &h.BuiltinKey, &h.Name, &h.GroupID, &h.GroupName, &exp); err != nil {
			return nil, fmt.Errorf("store: held roles: %w", err)
		}
		h.ExpiresAt = unixOrZero(exp)
		out[id] = append(out[id], h)
	}
	return out, rows.Err()
}
