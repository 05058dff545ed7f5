package store

import (
	"context"
	"fmt"
	"strings"
)

// RoleHolderCounts says how many accounts hold each of the tenant's roles,
// directly or through a group (each counted once per role): one query.
func (s *Store) RoleHolderCounts(ctx context.Context, tenantID int64) (map[int64]int, error) {
	now := s.unix()
	rows, err := s.query(ctx, `SELECT x.role_id, COUNT(*) FROM (SELECT ar.role_id, ar.account_id FROM account_roles ar WHERE ar.tenant_id = ? AND `+live("ar", now)+`
		UNION SELECT gr.role_id, gm.account_id FROM group_roles gr JOIN group_members gm ON gm.group_id = gr.group_id
		WHERE gr.tenant_id = ? AND `+live("gm", now)+`) x GROUP BY x.role_id`, tenantID, tenantID)
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

// RoleHolder is one account holding a role: directly, through the named groups, or both.
type RoleHolder struct {
	AccountID int64
	SortName  string
	Name      string
	Email     string
	Direct    bool
	Groups    string // the groups giving it, by name, comma-separated
}

// RoleHolders pages who holds a role by name after (afterName, afterID): one query.
func (s *Store) RoleHolders(ctx context.Context, tenantID, roleID int64, afterName string, afterID int64, limit int) ([]RoleHolder, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	ar, gm := live("ar", s.unix()), live("gm", s.unix())
	rows, err := s.query(ctx, `SELECT a.id, a.sort_name, a.first_name, a.last_name, COALESCE(a.email, ''),
		CASE WHEN EXISTS (SELECT 1 FROM account_roles ar WHERE ar.tenant_id = ? AND ar.role_id = ? AND ar.account_id = a.id AND `+ar+`) THEN 1 ELSE 0 END,
		COALESCE((SELECT string_agg(g.name, ', ') FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
			JOIN user_groups g ON g.id = gm.group_id WHERE gm.tenant_id = ? AND gr.role_id = ? AND gm.account_id = a.id AND `+gm+`), '')
		FROM accounts a WHERE a.id IN (SELECT ar.account_id FROM account_roles ar WHERE ar.tenant_id = ? AND ar.role_id = ? AND `+ar+`
			UNION SELECT gm.account_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
			WHERE gm.tenant_id = ? AND gr.role_id = ? AND `+gm+`) AND (a.sort_name, a.id) > (?, ?)
		ORDER BY a.sort_name, a.id LIMIT ?`,
		tenantID, roleID, tenantID, roleID, tenantID, roleID, tenantID, roleID, afterName, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: role holders: %w", err)
	}
	defer rows.Close()
	var out []RoleHolder
	for rows.Next() {
		var h RoleHolder
		var first, last string
		var direct int
		if err := rows.Scan(&h.AccountID, &h.SortName, &first, &last, &h.Email, &direct, &h.Groups); err != nil {
			return nil, fmt.Errorf("store: role holders: %w", err)
		}
		h.Name, h.Direct = strings.TrimSpace(first+" "+last), direct == 1
		out = append(out, h)
	}
	return out, rows.Err()
}
