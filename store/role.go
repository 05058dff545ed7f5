package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Role is a named set of permissions in a tenant; BuiltinKey is set for the seeded ones.
type Role struct {
	ID          int64
	TenantID    int64
	BuiltinKey  string
	Name        string
	Description string
	Permissions []string
}

// RoleRef is a role as a list shows it; Inherited when held only through a group.
type RoleRef struct {
	ID         int64
	BuiltinKey string
	Name       string
	Inherited  bool
}

// Roles lists a tenant's roles, built-ins first, with their permissions.
func (s *Store) Roles(ctx context.Context, tenantID int64) ([]Role, error) {
	return scanRoles(s.query(ctx, `SELECT `+roleColumns+` FROM roles r WHERE r.tenant_id = ? ORDER BY r.builtin_key IS NULL, r.id`, tenantID))
}

// roleColumns are a role's columns with its permissions, as scanRoles reads them.
const roleColumns = `r.id, r.tenant_id, COALESCE(r.builtin_key, ''), r.name, r.description,
	COALESCE((SELECT string_agg(permission, ' ') FROM role_permissions rp WHERE rp.role_id = r.id), '')`

func scanRoles(rows *sql.Rows, err error) ([]Role, error) {
	if err != nil {
		return nil, fmt.Errorf("store: roles: %w", err)
	}
	defer rows.Close()
	var out []Role
	for rows.Next() {
		var r Role
		var perms string
		if err := rows.Scan(&r.ID, &r.TenantID, &r.BuiltinKey, &r.Name, &r.Description, &perms); err != nil {
			return nil, fmt.Errorf("store: roles: %w", err)
		}
		r.Permissions = strings.Fields(perms)
		slices.Sort(r.Permissions)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RolePermissions is the union of the permissions of every role the account
// holds in the tenant, directly or through its groups, plus access to every
// module of the tenant when allModules (an Admin): one query.
func (s *Store) RolePermissions(ctx context.Context, tenantID, accountID int64, allModules ...bool) ([]string, error) {
	all := len(allModules) > 0 && allModules[0]
	rows, err := s.query(ctx, heldPermissions("?", "?", "? = 1", s.unix())+` ORDER BY 1`,
		accountID, tenantID, accountID, tenantID, all, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: role permissions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("store: role permissions: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AccountRoles returns the roles of each listed account, a query per 500
// (an import's second pass asks for 100,000: past SQLite's variable limit
// in one IN list).
func (s *Store) AccountRoles(ctx context.Context, tenantID int64, ids []int64) (map[int64][]RoleRef, error) {
	out := make(map[int64][]RoleRef, len(ids))
	for chunk := range slices.Chunk(ids, accessChunk) {
		if err := s.accountRoles(ctx, tenantID, chunk, out); err != nil {
			return nil, fmt.Errorf("store: account roles: %w", err)
		}
	}
	return out, nil
}

func (s *Store) accountRoles(ctx context.Context, tenantID int64, ids []int64, out map[int64][]RoleRef) error {
	args := make([]any, 0, len(ids)+1)
	args = append(args, tenantID)
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := s.query(ctx, `SELECT ar.account_id, r.id, COALESCE(r.builtin_key, ''), r.name FROM account_roles ar
		JOIN roles r ON r.id = ar.role_id
		WHERE ar.tenant_id = ? AND ar.account_id IN (`+placeholders(len(ids))+`) ORDER BY r.builtin_key IS NULL, r.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r RoleRef
		if err := rows.Scan(&id, &r.ID, &r.BuiltinKey, &r.Name); err != nil {
			return err
		}
		out[id] = append(out[id], r)
	}
	return rows.Err()
}

// SetRoles replaces an account's direct roles with roleIDs, refusing another
// tenant's role ids and a change that leaves nobody able to manage users.
func (s *Store) SetRoles(ctx context.Context, by Actor, accountID int64, roleIDs []int64) error {
	return s.changeRoles(ctx, by, accountID, func([]int64) []int64 { return roleIDs })
}

// ChangeRole gives an account one more direct role (add) or takes one away,
// the rest of its roles as they are when the transaction reads them; the
// role must be the tenant's.
func (s *Store) ChangeRole(ctx context.Context, by Actor, accountID, roleID int64, add bool) error {
	return s.changeRoles(ctx, by, accountID, func(held []int64) []int64 { return withRole(held, roleID, add) })
}

// withRole is held with roleID added (sorted) or taken out.
func withRole(held []int64, roleID int64, add bool) []int64 {
	out := slices.DeleteFunc(slices.Clone(held), func(id int64) bool { return id == roleID })
	if add {
		out = append(out, roleID)
		slices.Sort(out)
	}
	return out
}

// changeRoles sets an account's direct roles to what next makes of those it
// holds, in one guarded transaction, audited as user.roles when they change.
func (s *Store) changeRoles(ctx context.Context, by Actor, accountID int64, next func(held []int64) []int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error { return tx.changeRoles(ctx, by, accountID, next) })
	})
}

// changeRoles is the store's changeRoles inside its transaction and guard.
func (tx *Tx) changeRoles(ctx context.Context, by Actor, accountID int64, next func(held []int64) []int64) error {
	if err := tx.noteManager(ctx, by.TenantID); err != nil {
		return err
	}
	if _, err := tx.account(ctx, by.TenantID, accountID); err != nil {
		return err
	}
	before, err := tx.roleIDs(ctx, by.TenantID, accountID)
	if err != nil {
		return err
	}
	if err := tx.setRoles(ctx, by.TenantID, accountID, next(before)); err != nil {
		return err
	}
	if err := tx.syncHasRoleOf(ctx, by.TenantID, []int64{accountID}); err != nil {
		return err
	}
	after, err := tx.roleIDs(ctx, by.TenantID, accountID)
	if err != nil {
		return err
	}
	if slices.Equal(before, after) {
		return nil
	}
	if err := tx.ensureManager(ctx, by.TenantID); err != nil {
		return err
	}
	return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserRoles,
		TargetType: "account", TargetID: accountID,
		Details: map[string]any{"before": map[string]any{"role_ids": before}, "after": map[string]any{"role_ids": after}}})
}

// checkRoles refuses role ids that are not all the tenant's (ids sorted, unique).
func (tx *Tx) checkRoles(ctx context.Context, tenantID int64, roleIDs []int64) error {
	if len(roleIDs) == 0 {
		return nil
	}
	args := []any{tenantID}
	for _, id := range roleIDs {
		args = append(args, id)
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM roles WHERE tenant_id = ? AND id IN (`+placeholders(len(roleIDs))+`)`,
		args...).Scan(&n); err != nil {
		return fmt.Errorf("store: check roles: %w", err)
	}
	if n != len(roleIDs) {
		return ErrUnknownRole
	}
	return nil
}

func (tx *Tx) setRoles(ctx context.Context, tenantID, accountID int64, roleIDs []int64) error {
	roleIDs = slices.Compact(slices.Sorted(slices.Values(roleIDs)))
	if err := tx.checkRoles(ctx, tenantID, roleIDs); err != nil {
		return err
	}
	// Kept roles keep their expiry; one given again after it expired is
	// held anew, without end.
	held, err := tx.roleIDs(ctx, tenantID, accountID)
	if err != nil {
		return err
	}
	now := tx.s.unix()
	for _, id := range held {
		q := `DELETE FROM account_roles WHERE tenant_id = ? AND account_id = ? AND role_id = ?`
		if slices.Contains(roleIDs, id) {
			q = `UPDATE account_roles SET expires_at = 0 WHERE tenant_id = ? AND account_id = ? AND role_id = ?
				AND expires_at <> 0 AND expires_at <= ` + strconv.FormatInt(now, 10)
		}
		if _, err := tx.exec(ctx, q, tenantID, accountID, id); err != nil {
			return fmt.Errorf("store: set roles: %w", err)
		}
	}
	for _, id := range roleIDs {
		if slices.Contains(held, id) {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO account_roles (tenant_id, account_id, role_id) VALUES (?, ?, ?)`,
			tenantID, accountID, id); err != nil {
			return fmt.Errorf("store: set roles: %w", err)
		}
	}
	return nil
}

func (tx *Tx) roleIDs(ctx context.Context, tenantID, accountID int64) ([]int64, error) {
	return ids(tx.query(ctx, `SELECT role_id FROM account_roles WHERE tenant_id = ? AND account_id = ? ORDER BY role_id`,
		tenantID, accountID))
}

// ids reads a one-column result of ids; never nil, so audit details show [].
func ids(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, fmt.Errorf("store: ids: %w", err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: ids: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
