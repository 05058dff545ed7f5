package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// MaxBulkMembers bounds a removal of every member matching a search: one
// transaction judges each of them, so a larger set is narrowed first (or
// the group deleted, which takes all its members out).
const MaxBulkMembers = 5000

// ErrTooManyMatching refuses a bulk removal matching more than MaxBulkMembers.
var ErrTooManyMatching = errors.New("store: too many members match")

// ErrGroupTooLarge refuses deleting a group of more than MaxBulkMembers members.
var ErrGroupTooLarge = errors.New("store: group too large to delete at once")

// ErrMatchingMoved refuses a bulk removal whose matches are no longer the
// number the actor was shown: members joined or left meanwhile.
var ErrMatchingMoved = errors.New("store: the matching members changed")

// memberMatch is the WHERE of a search among a group's members: every
// folded word inside the name, the email or the login (infix, since a
// group's members are walked, not the tenant's search terms).
func memberMatch(q string) (string, []any) {
	var where []string
	var args []any
	for _, w := range queryTerms(q) {
		like := "%" + likeEscape(w) + "%"
		where = append(where, `(gm.sort_name LIKE ? ESCAPE '\' OR COALESCE(a.email, '') LIKE ? ESCAPE '\' OR a.login_key LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(where, " AND "), args
}

// SearchGroupMembers pages the members of a group matching q (all for "")
// by name after (afterName, afterID): one query walking the group's members
// in name order, so its cost is bounded by the group, not the tenant.
func (s *Store) SearchGroupMembers(ctx context.Context, tenantID, groupID int64, q, afterName string, afterID int64, limit int) ([]Member, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	match, margs := memberMatch(q)
	args := append([]any{tenantID, groupID, afterName, afterID}, margs...)
	rows, err := s.query(ctx, `SELECT a.id, gm.sort_name, a.first_name, a.last_name, COALESCE(a.email, ''), a.status
		FROM group_members gm JOIN accounts a ON a.id = gm.account_id
		WHERE gm.tenant_id = ? AND gm.group_id = ? AND (gm.sort_name, gm.account_id) > (?, ?)`+match+`
		ORDER BY gm.sort_name, gm.account_id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: group members: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		var first, last string
		if err := rows.Scan(&m.AccountID, &m.SortName, &first, &last, &m.Email, &m.Status); err != nil {
			return nil, fmt.Errorf("store: group members: %w", err)
		}
		m.Name = strings.TrimSpace(first + " " + last)
		out = append(out, m)
	}
	return out, rows.Err()
}

// CountGroupMembersMatching counts a group's members matching q, counting
// no further than limit+1 (past the bound the exact number does not matter).
func (s *Store) CountGroupMembersMatching(ctx context.Context, tenantID, groupID int64, q string, limit int) (int, error) {
	match, margs := memberMatch(q)
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM group_members gm JOIN accounts a ON a.id = gm.account_id
		WHERE gm.tenant_id = ? AND gm.group_id = ?`+match+` LIMIT ?) x`,
		append(append([]any{tenantID, groupID}, margs...), limit+1)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count group members: %w", err)
	}
	return n, nil
}

// RemoveMatchingMembers takes every member of a group matching q (every
// member for "") out of it, in one transaction judged member by member and
// audited as one removal. expect is the number of matches the actor was
// shown: a different number now is ErrMatchingMoved, more than
// MaxBulkMembers ErrTooManyMatching; either changes nothing.
func (s *Store) RemoveMatchingMembers(ctx context.Context, by Actor, groupID int64, q string, expect int) (Group, error) {
	var g Group
	var matched []int64
	loaded := false
	load := func(tx *Tx) func() ([]int64, error) {
		return func() ([]int64, error) {
			if loaded {
				return matched, nil
			}
			match, margs := memberMatch(q)
			out, err := ids(tx.query(ctx, `SELECT gm.account_id FROM group_members gm JOIN accounts a ON a.id = gm.account_id
				WHERE gm.tenant_id = ? AND gm.group_id = ?`+match+` ORDER BY gm.account_id LIMIT ?`,
				append(append([]any{by.TenantID, groupID}, margs...), MaxBulkMembers+1)...))
			if err != nil {
				return nil, err
			}
			matched, loaded = out, true
			return matched, nil
		}
	}
	err := s.tx(ctx, func(tx *Tx) error {
		loaded = false
		affected := load(tx)
		return tx.guarded(ctx, by, affected, func() (err error) {
			if _, err := tx.group(ctx, by.TenantID, groupID); err != nil {
				return err
			}
			ids, err := affected()
			switch {
			case err != nil:
				return err
			case len(ids) > MaxBulkMembers:
				return ErrTooManyMatching
			case len(ids) != expect:
				return ErrMatchingMoved
			}
			g, err = tx.changeMembers(ctx, by, groupID, ids, false)
			return err
		})
	})
	return g, err
}

// GroupMembership tells which of the listed accounts are members of the group: one query.
func (s *Store) GroupMembership(ctx context.Context, tenantID, groupID int64, accountIDs []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(accountIDs))
	for chunk := range chunks(accountIDs, accessChunk) {
		args := []any{tenantID, groupID}
		for _, id := range chunk {
			args = append(args, id)
		}
		found, err := ids(s.query(ctx, `SELECT account_id FROM group_members WHERE tenant_id = ? AND group_id = ?
			AND account_id IN (`+placeholders(len(chunk))+`)`, args...))
		if err != nil {
			return nil, fmt.Errorf("store: group membership: %w", err)
		}
		for _, id := range found {
			out[id] = true
		}
	}
	return out, nil
}
