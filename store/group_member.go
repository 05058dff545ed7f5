package store

import (
	"context"
	"fmt"
	"slices"
)

// AddMembers adds accounts of the tenant to a group in one transaction;
// accounts already in it stay, and any id not of this tenant refuses all.
func (s *Store) AddMembers(ctx context.Context, by Actor, groupID int64, accountIDs []int64) (Group, error) {
	return s.changeMembers(ctx, by, groupID, accountIDs, true)
}

// RemoveMembers takes accounts out of a group, refusing a change that leaves
// nobody able to manage users.
func (s *Store) RemoveMembers(ctx context.Context, by Actor, groupID int64, accountIDs []int64) (Group, error) {
	return s.changeMembers(ctx, by, groupID, accountIDs, false)
}

func (s *Store) changeMembers(ctx context.Context, by Actor, groupID int64, accountIDs []int64, add bool) (Group, error) {
	var g Group
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountIDs...), func() (err error) {
			g, err = tx.changeMembers(ctx, by, groupID, accountIDs, add)
			return err
		})
	})
	return g, err
}

// changeMembers is AddMembers or RemoveMembers inside its transaction and guard.
func (tx *Tx) changeMembers(ctx context.Context, by Actor, groupID int64, accountIDs []int64, add bool) (Group, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(accountIDs)))
	if err := tx.noteManager(ctx, by.TenantID); err != nil {
		return Group{}, err
	}
	before, err := tx.group(ctx, by.TenantID, groupID)
	if err != nil {
		return Group{}, err
	}
	if err := tx.locked(ctx, by, before.SCIMManaged); err != nil {
		return Group{}, err
	}
	if err := tx.checkAccounts(ctx, by.TenantID, ids); err != nil {
		return Group{}, err
	}
	var changed []int64
	for _, id := range ids {
		q, args := `DELETE FROM group_members WHERE tenant_id = ? AND group_id = ? AND account_id = ?`, []any{by.TenantID, groupID, id}
		if add {
			// a member of the tenant (pushed down) may join its groups
			q = `INSERT INTO group_members (tenant_id, group_id, account_id, sort_name)
				SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), a.id, a.sort_name FROM accounts a WHERE a.id = ? AND ` + ofTenant + `
				ON CONFLICT (group_id, account_id) DO UPDATE SET expires_at = 0
				WHERE group_members.expires_at <> 0 AND group_members.expires_at <= ?`
			// a membership that has expired is held again, without end
			args = []any{by.TenantID, groupID, id, by.TenantID, by.TenantID, tx.s.unix()}
		}
		res, err := tx.exec(ctx, q, args...)
		if err != nil {
			return Group{}, fmt.Errorf("store: group members: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changed = append(changed, id)
		}
	}
	if len(changed) == 0 {
		return before, nil
	}
	if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = (SELECT COUNT(*) FROM group_members WHERE group_id = ?)
		WHERE tenant_id = ? AND id = ?`, groupID, by.TenantID, groupID); err != nil {
		return Group{}, fmt.Errorf("store: group members: %w", err)
	}
	if err := tx.syncHasRoleOf(ctx, by.TenantID, changed); err != nil {
		return Group{}, err
	}
	if !add {
		if err := tx.ensureManager(ctx, by.TenantID); err != nil {
			return Group{}, err
		}
	}
	g, err := tx.group(ctx, by.TenantID, groupID)
	if err != nil {
		return g, err
	}
	action, key := ActionGroupMembersAdd, "added"
	if !add {
		action, key = ActionGroupMembersRemove, "removed"
	}
	return g, tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
		TargetType: "group", TargetID: groupID, Details: map[string]any{key: changed,
			"before": map[string]any{"members": before.Members}, "after": map[string]any{"members": g.Members}}})
}

// checkAccounts refuses ids that are not all accounts (people or
// applications) of the tenant, at home or members of it.
func (tx *Tx) checkAccounts(ctx context.Context, tenantID int64, ids []int64) error {
	for chunk := range chunks(ids, 500) {
		args := []any{tenantID, tenantID}
		for _, id := range chunk {
			args = append(args, id)
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM accounts a WHERE `+ofTenant+` AND a.id IN (`+placeholders(len(chunk))+`)`,
			args...).Scan(&n); err != nil {
			return fmt.Errorf("store: check accounts: %w", err)
		}
		if n != len(chunk) {
			return ErrUnknownAccount
		}
	}
	return nil
}

// Member is an account as a group's member list shows it.
type Member struct {
	AccountID int64
	SortName  string
	Name      string
	Email     string
	Status    string
}

// GroupMembers pages a group's members by name after (afterName, afterID).
func (s *Store) GroupMembers(ctx context.Context, tenantID, groupID int64, afterName string, afterID int64, limit int) ([]Member, error) {
	return s.SearchGroupMembers(ctx, tenantID, groupID, "", afterName, afterID, limit)
}

// AccountGroups lists the groups an account belongs to in the tenant.
func (s *Store) AccountGroups(ctx context.Context, tenantID, accountID int64) ([]Group, error) {
	rows, err := s.query(ctx, `SELECT `+groupColumns+` FROM group_members gm JOIN user_groups g ON g.id = gm.group_id
		WHERE gm.tenant_id = ? AND gm.account_id = ? ORDER BY g.name_key, g.id`, tenantID, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: account groups: %w", err)
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var g Group
		if err := scanGroup(rows, &g); err != nil {
			return nil, fmt.Errorf("store: account groups: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}
