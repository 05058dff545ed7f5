package store

import (
	"context"
	"fmt"
	"strings"
)

// SCIMUsers pages the tenant's people (its own, not members from above) in
// id order, offset rows in, with how many match in all. where is a condition
// on the accounts alias a, with its arguments; it must come from the SCIM
// filter translator, which builds it from a whitelist of columns and passes
// every value as an argument. "" matches everyone. A limit of 0 only counts.
func (s *Store) SCIMUsers(ctx context.Context, tenantID int64, where string, args []any, offset, limit int) ([]Account, int, error) {
	cond := `a.tenant_id = ? AND a.kind = 'user'`
	if where != "" {
		cond += ` AND (` + where + `)`
	}
	all := append([]any{tenantID}, args...)
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM accounts a WHERE `+cond, all...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: scim users: %w", err)
	}
	if limit == 0 || offset >= total {
		return nil, total, nil
	}
	rows, err := s.query(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE `+cond+` ORDER BY a.id LIMIT ? OFFSET ?`,
		append(all, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: scim users: %w", err)
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		var a Account
		if err := scanAccount(rows, &a); err != nil {
			return nil, 0, fmt.Errorf("store: scim users: %w", err)
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// SCIMGroups pages the tenant's groups like SCIMUsers, where being a
// condition on the groups alias g.
func (s *Store) SCIMGroups(ctx context.Context, tenantID int64, where string, args []any, offset, limit int) ([]Group, int, error) {
	cond := `g.tenant_id = ?`
	if where != "" {
		cond += ` AND (` + where + `)`
	}
	all := append([]any{tenantID}, args...)
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM user_groups g WHERE `+cond, all...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: scim groups: %w", err)
	}
	if limit == 0 || offset >= total {
		return nil, total, nil
	}
	rows, err := s.query(ctx, `SELECT `+groupColumns+` FROM user_groups g WHERE `+cond+` ORDER BY g.id LIMIT ? OFFSET ?`,
		append(all, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: scim groups: %w", err)
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var g Group
		if err := scanGroup(rows, &g); err != nil {
			return nil, 0, fmt.Errorf("store: scim groups: %w", err)
		}
		out = append(out, g)
	}
	return out, total, rows.Err()
}

// Ref is an account or a group as a SCIM resource names another: id and
// display name.
type Ref struct {
	ID   int64
	Name string
}

// SCIMMembers lists the members of each of the tenant's groups ids the
// provider sees (the tenant's own people), in one query, by account id.
func (s *Store) SCIMMembers(ctx context.Context, tenantID int64, groupIDs []int64) (map[int64][]Ref, error) {
	return s.refs(ctx, `SELECT gm.group_id, a.id, a.first_name || ' ' || a.last_name FROM group_members gm
		JOIN accounts a ON a.id = gm.account_id AND a.tenant_id = gm.tenant_id AND a.kind = 'user'
		WHERE gm.tenant_id = ? AND gm.group_id IN (%s) ORDER BY gm.group_id, a.id`, tenantID, groupIDs)
}

// SCIMUserGroups lists the groups of the tenant each of accounts ids is in,
// in one query.
func (s *Store) SCIMUserGroups(ctx context.Context, tenantID int64, accountIDs []int64) (map[int64][]Ref, error) {
	return s.refs(ctx, `SELECT gm.account_id, g.id, g.name FROM group_members gm
		JOIN user_groups g ON g.id = gm.group_id WHERE gm.tenant_id = ? AND gm.account_id IN (%s) ORDER BY gm.account_id, g.id`, tenantID, accountIDs)
}

func (s *Store) refs(ctx context.Context, q string, tenantID int64, keys []int64) (map[int64][]Ref, error) {
	out := map[int64][]Ref{}
	for chunk := range chunks(keys, accessChunk) {
		args := []any{tenantID}
		for _, k := range chunk {
			args = append(args, k)
		}
		rows, err := s.query(ctx, fmt.Sprintf(q, placeholders(len(chunk))), args...)
		if err != nil {
			return nil, fmt.Errorf("store: scim refs: %w", err)
		}
		for rows.Next() {
			var key int64
			var r Ref
			if err := rows.Scan(&key, &r.ID, &r.Name); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: scim refs: %w", err)
			}
			r.Name = strings.TrimSpace(r.Name)
			out[key] = append(out[key], r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: scim refs: %w", err)
		}
	}
	return out, nil
}
