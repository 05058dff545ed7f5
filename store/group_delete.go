package store

import (
	"context"
	"fmt"
)

// DeleteGroup deletes a group. A group with members is refused (*InUse
// naming how many) unless confirmMembers is its member count, the number the
// actor was shown and agreed to: then its members leave it first, losing
// only the access it gives (their accounts, other groups and direct roles
// stay), each judged by the guard, never the last person able to manage
// users. A group a project uses as a team is refused either way.
//
// A group of more than MaxBulkMembers members is ErrGroupTooLarge: one
// transaction removing them all would hold the database's writer (every
// tenant's, on SQLite) for seconds; its members are removed in bounded
// steps first.
func (s *Store) DeleteGroup(ctx context.Context, by Actor, id int64, confirmMembers int) error {
	return s.tx(ctx, func(tx *Tx) error {
		g, err := tx.group(ctx, by.TenantID, id)
		if err != nil {
			return err
		}
		if g.Members > MaxBulkMembers {
			return ErrGroupTooLarge
		}
		return tx.guarded(ctx, by, tx.groupMemberIDs(ctx, by.TenantID, id), func() error {
			return tx.deleteGroup(ctx, by, id, confirmMembers)
		})
	})
}

// deleteGroup is DeleteGroup inside its transaction and guard.
func (tx *Tx) deleteGroup(ctx context.Context, by Actor, id int64, confirmMembers int) error {
	g, err := tx.group(ctx, by.TenantID, id)
	if err != nil {
		return err
	}
	if err := tx.locked(ctx, by, g.SCIMManaged); err != nil {
		return err
	}
	var projects []string
	rows, err := tx.query(ctx, `SELECT p.name FROM project_teams pt JOIN projects p ON p.id = pt.project_id
		WHERE pt.tenant_id = ? AND pt.group_id = ? ORDER BY p.name_key`, by.TenantID, id)
	if err != nil {
		return fmt.Errorf("store: delete group: %w", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		projects = append(projects, n)
	}
	rows.Close()
	if (g.Members > 0 && g.Members != confirmMembers) || len(projects) > 0 {
		return &InUse{Members: g.Members, Projects: projects}
	}
	roles, err := tx.groupRoleIDs(ctx, by.TenantID, id)
	if err != nil {
		return err
	}
	before := map[string]any{"name": g.Name, "description": g.Description, "role_ids": roles}
	details := map[string]any{"before": before}
	if g.Members > 0 {
		removed, err := tx.groupMemberIDs(ctx, by.TenantID, id)()
		if err != nil {
			return err
		}
		if err := tx.noteManager(ctx, by.TenantID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM group_members WHERE tenant_id = ? AND group_id = ?`, by.TenantID, id); err != nil {
			return fmt.Errorf("store: delete group: %w", err)
		}
		if err := tx.syncHasRoleOf(ctx, by.TenantID, removed); err != nil {
			return err
		}
		if err := tx.ensureManager(ctx, by.TenantID); err != nil {
			return err
		}
		before["members"] = g.Members
		details["removed"] = removed
	}
	if _, err := tx.exec(ctx, `DELETE FROM user_groups WHERE tenant_id = ? AND id = ?`, by.TenantID, id); err != nil {
		return fmt.Errorf("store: delete group: %w", err)
	}
	return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionGroupDelete,
		TargetType: "group", TargetID: id, Details: details})
}
