package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrBuiltinRole means a built-in role cannot be changed or deleted.
var ErrBuiltinRole = errors.New("store: built-in role")

// Role returns one of the tenant's roles with its permissions.
func (s *Store) Role(ctx context.Context, tenantID, id int64) (Role, error) {
	return oneRole(s.queryRow(ctx, roleByID, tenantID, id))
}

// customRole loads a tenant's own role for a change, noting first whether the
// tenant has a manager (see ensureManager); built-in roles are refused.
func (tx *Tx) customRole(ctx context.Context, tenantID, id int64) (Role, error) {
	if err := tx.noteManager(ctx, tenantID); err != nil {
		return Role{}, err
	}
	r, err := tx.role(ctx, tenantID, id)
	if err == nil && r.BuiltinKey != "" {
		err = ErrBuiltinRole
	}
	return r, err
}

// CreateRole creates a tenant's own role; a name taken in any case is a Conflict on "name".
func (s *Store) CreateRole(ctx context.Context, by Actor, r RoleSpec) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		r.Key, r.Name = "", cleanName(r.Name)
		if err := tx.grantPerms(ctx, by, r.Permissions); err != nil {
			return err
		}
		var err error
		if id, err = tx.insertRole(ctx, by.TenantID, r); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionRoleCreate,
			TargetType: "role", TargetID: id, Details: map[string]any{"after": roleMap(r.Name, r.Description, r.Permissions)}})
	})
	return id, err
}

// UpdateRole changes a custom role's name, description and permissions,
// refusing a change that leaves nobody able to manage users.
func (s *Store) UpdateRole(ctx context.Context, by Actor, id int64, r RoleSpec) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, tx.roleHolderIDs(ctx, by.TenantID, id), func() error {
			before, err := tx.customRole(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			var gained []string
			for _, p := range r.Permissions {
				if !slices.Contains(before.Permissions, p) {
					gained = append(gained, p)
				}
			}
			if err := tx.grantPerms(ctx, by, gained); err != nil {
				return err
			}
			r.Name = cleanName(r.Name)
			if _, err := tx.exec(ctx, `UPDATE roles SET name = ?, name_key = ?, description = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
				r.Name, nameKey(r.Name), r.Description, tx.s.unix(), by.TenantID, id); err != nil {
				if isUnique(err) {
					return &Conflict{Field: "name"}
				}
				return fmt.Errorf("store: update role: %w", err)
			}
			if err := tx.writePermissions(ctx, id, r.Permissions); err != nil {
				return err
			}
			if err := tx.ensureManager(ctx, by.TenantID); err != nil {
				return err
			}
			after := roleMap(r.Name, r.Description, slices.Compact(slices.Sorted(slices.Values(r.Permissions))))
			b := roleMap(before.Name, before.Description, before.Permissions)
			if fmt.Sprint(after) == fmt.Sprint(b) {
				return nil // nothing changed: no event
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionRoleUpdate,
				TargetType: "role", TargetID: id, Details: map[string]any{"before": b, "after": after}})
		})
	})
}

// RoleUsage counts who holds a role: people directly, and groups.
func (s *Store) RoleUsage(ctx context.Context, tenantID, id int64) (users, groups int, err error) {
	err = s.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM account_roles WHERE tenant_id = ? AND role_id = ?),
		(SELECT COUNT(*) FROM group_roles WHERE tenant_id = ? AND role_id = ?)`, tenantID, id, tenantID, id).Scan(&users, &groups)
	if err != nil {
		err = fmt.Errorf("store: role usage: %w", err)
	}
	return users, groups, err
}

// DeleteRole deletes a custom role. People and groups simply stop holding it:
// no account, and nothing an account made, goes with it.
func (s *Store) DeleteRole(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, tx.roleHolderIDs(ctx, by.TenantID, id), func() error {
			before, err := tx.customRole(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			holders, err := ids(tx.query(ctx, `SELECT account_id FROM account_roles WHERE tenant_id = ? AND role_id = ?
				UNION SELECT gm.account_id FROM group_roles gr JOIN group_members gm ON gm.group_id = gr.group_id
				WHERE gr.tenant_id = ? AND gr.role_id = ?`, by.TenantID, id, by.TenantID, id))
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM roles WHERE tenant_id = ? AND id = ?`, by.TenantID, id); err != nil {
				return fmt.Errorf("store: delete role: %w", err)
			}
			if err := tx.syncHasRoleOf(ctx, by.TenantID, holders); err != nil {
				return err
			}
			if err := tx.ensureManager(ctx, by.TenantID); err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionRoleDelete,
				TargetType: "role", TargetID: id, Details: map[string]any{"before": roleMap(before.Name, before.Description, before.Permissions),
					"holders": len(holders)}})
		})
	})
}

func (tx *Tx) role(ctx context.Context, tenantID, id int64) (Role, error) {
	return oneRole(tx.queryRow(ctx, roleByID, tenantID, id))
}

const roleByID = `SELECT r.id, r.tenant_id, COALESCE(r.builtin_key, ''), r.name, r.description,
	COALESCE((SELECT string_agg(permission, ' ') FROM role_permissions rp WHERE rp.role_id = r.id), '')
	FROM roles r WHERE r.tenant_id = ? AND r.id = ?`

func oneRole(row scanner) (Role, error) {
	var r Role
	var perms string
	if err := row.Scan(&r.ID, &r.TenantID, &r.BuiltinKey, &r.Name, &r.Description, &perms); err != nil {
		return r, fmt.Errorf("store: role: %w", notFound(err))
	}
	r.Permissions = slices.Sorted(slices.Values(strings.Fields(perms)))
	return r, nil
}

func roleMap(name, description string, perms []string) map[string]any {
	return map[string]any{"name": name, "description": description, "permissions": perms}
}
