package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// importChunk keeps each IN list well under SQLite's variable limit.
const importChunk = 400

// ImportMatches reads the tenant's own accounts whose login or email is
// listed (emails compared lower-case), a few queries per thousand names
// whatever the tenant's size: the import planner's view of who exists.
func (s *Store) ImportMatches(ctx context.Context, tenantID int64, logins, emails []string) ([]Account, error) {
	seen := map[int64]bool{}
	var out []Account
	for _, q := range []struct {
		col  string
		vals []string
	}{{"a.login", logins}, {"a.email", lower(emails)}} {
		vals := slices.Compact(slices.Sorted(slices.Values(q.vals)))
		for chunk := range slices.Chunk(vals, importChunk) {
			args := []any{tenantID}
			for _, v := range chunk {
				args = append(args, v)
			}
			rows, err := s.query(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.tenant_id = ? AND `+
				q.col+` IN (`+placeholders(len(chunk))+`)`, args...)
			if err != nil {
				return nil, fmt.Errorf("store: import matches: %w", err)
			}
			for rows.Next() {
				var a Account
				if err := scanAccount(rows, &a); err != nil {
					rows.Close()
					return nil, fmt.Errorf("store: import matches: %w", err)
				}
				if !seen[a.ID] {
					seen[a.ID] = true
					out = append(out, a)
				}
			}
			if err := rows.Close(); err != nil {
				return nil, fmt.Errorf("store: import matches: %w", err)
			}
		}
	}
	return out, nil
}

// GroupsOf lists the group ids of each listed account in the tenant.
func (s *Store) GroupsOf(ctx context.Context, tenantID int64, ids []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	for chunk := range slices.Chunk(ids, importChunk) {
		args := []any{tenantID}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := s.query(ctx, `SELECT account_id, group_id FROM group_members WHERE tenant_id = ? AND account_id IN (`+
			placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: groups of: %w", err)
		}
		for rows.Next() {
			var a, g int64
			if err := rows.Scan(&a, &g); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: groups of: %w", err)
			}
			out[a] = append(out[a], g)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("store: groups of: %w", err)
		}
	}
	return out, nil
}

func lower(v []string) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = strings.ToLower(s)
	}
	return out
}
