package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Choice is a role or group as a filter's select offers it.
type Choice struct {
	ID         int64
	BuiltinKey string // a role's built-in key, "" for a tenant's own role and for groups
	Name       string
	key        string
}

// FilterChoices reads, in one statement, the users table's filter choices:
// the tenant's roles (built-in first, then by id) and its first groupLimit
// groups by name, so adding the group filter costs the page no query.
func (s *Store) FilterChoices(ctx context.Context, tenantID int64, groupLimit int) (roles, groups []Choice, err error) {
	rows, err := s.query(ctx, `SELECT 'r', r.id, COALESCE(r.builtin_key, ''), r.name, CASE WHEN r.builtin_key IS NULL THEN '1' ELSE '0' END
		FROM roles r WHERE r.tenant_id = ?
		UNION ALL SELECT * FROM (SELECT 'g', g.id, '', g.name, g.name_key FROM user_groups g WHERE g.tenant_id = ?
		ORDER BY g.name_key, g.id LIMIT ?) gg`, tenantID, tenantID, groupLimit)
	if err != nil {
		return nil, nil, fmt.Errorf("store: filter choices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var c Choice
		if err := rows.Scan(&kind, &c.ID, &c.BuiltinKey, &c.Name, &c.key); err != nil {
			return nil, nil, fmt.Errorf("store: filter choices: %w", err)
		}
		if kind == "r" {
			roles = append(roles, c)
		} else {
			groups = append(groups, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: filter choices: %w", err)
	}
	byKey := func(a, b Choice) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.ID, b.ID)) }
	slices.SortFunc(roles, byKey)
	slices.SortFunc(groups, byKey)
	return roles, groups, nil
}
