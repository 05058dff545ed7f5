package store

import (
	"context"
	"fmt"
	"slices"
)

// JobItemsOf are the named accounts of the tenant (at home or members of
// it) as job items, by id; ErrUnknownAccount when any of them is not.
func (s *Store) JobItemsOf(ctx context.Context, tenantID int64, ids []int64) ([]JobItem, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make([]JobItem, 0, len(ids))
	for chunk := range chunks(ids, 500) {
		args := []any{tenantID, tenantID}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := s.query(ctx, `SELECT a.id, a.login FROM accounts a WHERE `+ofTenant+` AND a.id IN (`+placeholders(len(chunk))+`)
			ORDER BY a.id`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: job accounts: %w", err)
		}
		n := 0
		for rows.Next() {
			var it JobItem
			if err := rows.Scan(&it.AccountID, &it.Label); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: job accounts: %w", err)
			}
			out = append(out, it)
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: job accounts: %w", err)
		}
		if n != len(chunk) {
			return nil, ErrUnknownAccount
		}
	}
	return out, nil
}

// MatchingItems are the accounts the users table's filter f matches now, in
// its order, as job items: up to bound of them (a caller asks one more than
// it accepts, to tell "too many"). It pages as the table does, so a job acts
// on exactly the people the table listed.
func (s *Store) MatchingItems(ctx context.Context, tenantID int64, f UserFilter, bound int) ([]JobItem, error) {
	f.Limit, f.After, f.Before = 500, "", ""
	var out []JobItem
	for len(out) < bound {
		page, err := s.ListUsers(ctx, tenantID, f)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Accounts {
			out = append(out, JobItem{AccountID: a.ID, Label: a.Login})
		}
		if page.Next == "" {
			break
		}
		f.After = page.Next
	}
	return out[:min(len(out), bound)], nil
}
