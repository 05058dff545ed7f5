package store

import (
	"context"
	"fmt"
	"time"
)

// live is the condition that the grant row x (an account_roles or
// group_members alias, or an account) has not expired at the unix time now:
// expired grants give nothing at check time, whether or not a sweeper ran.
// The time is written into the query's text (it is the store's clock, which
// tests set), marked by nowMark; the store binds it as a parameter before
// running the query (bindNow), so that the text stays one prepared statement.
func live(x string, now int64) string {
	return fmt.Sprintf("(%[1]s.expires_at = 0 OR %[1]s.expires_at > "+nowMark+"%[2]d)", x, now)
}

// nowMark marks a query holding the clock's time in its text.
const nowMark = "/*now*/"

// heldRoleIDs selects the ids of the roles an account holds in a tenant at
// now, directly or through any of its groups. acct and tenant are SQL
// expressions: "?" or a correlated column such as a.id.
func heldRoleIDs(acct, tenant string, now int64) string {
	return fmt.Sprintf(`SELECT ar.role_id FROM account_roles ar WHERE ar.account_id = %[1]s AND ar.tenant_id = %[2]s AND %[3]s
	UNION SELECT gr.role_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
	WHERE gm.account_id = %[1]s AND gm.tenant_id = %[2]s AND %[4]s`, acct, tenant, live("ar", now), live("gm", now))
}

// heldPermissions selects the permissions of the roles an account holds in
// a tenant at now, directly or through its groups, and access to every
// module of the tenant when allModules (an SQL condition: an Admin at home)
// holds. acct and tenant are SQL expressions, as for heldRoleIDs.
func heldPermissions(acct, tenant, allModules string, now int64) string {
	return `SELECT DISTINCT rp.permission FROM role_permissions rp WHERE rp.role_id IN (` + heldRoleIDs(acct, tenant, now) + `)
		UNION SELECT 'module:' || m.key FROM modules m WHERE ` + allModules + ` AND m.tenant_id = ` + tenant
}

// holdsRoleAt is true when the account holds any role in the tenant at now, either way.
func holdsRoleAt(acct, tenant string, now int64) string {
	return fmt.Sprintf(`EXISTS (SELECT 1 FROM account_roles ar WHERE ar.account_id = %[1]s AND ar.tenant_id = %[2]s AND %[3]s
	UNION ALL SELECT 1 FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
	WHERE gm.account_id = %[1]s AND gm.tenant_id = %[2]s AND %[4]s)`, acct, tenant, live("ar", now), live("gm", now))
}

// holdsRole is holdsRoleAt counting expired grants too: the has_role flag
// the search rows cache cannot follow the clock (the sweeper removes expired
// grants and resyncs it).
const holdsRole = `EXISTS (SELECT 1 FROM account_roles ar WHERE ar.account_id = %[1]s AND ar.tenant_id = %[2]s
	UNION ALL SELECT 1 FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
	WHERE gm.account_id = %[1]s AND gm.tenant_id = %[2]s)`

// hasRoleValue is holdsRole as the 0 or 1 that account_terms.has_role keeps.
const hasRoleValue = `CASE WHEN ` + holdsRole + ` THEN 1 ELSE 0 END`

// holdsRoleID is true when the account holds the role role at now, either way.
func holdsRoleID(acct, tenant, role string, now int64) string {
	return fmt.Sprintf(`EXISTS (SELECT 1 FROM account_roles ar WHERE ar.account_id = %[1]s AND ar.tenant_id = %[2]s AND ar.role_id = %[3]s AND %[4]s
	UNION ALL SELECT 1 FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
	WHERE gm.account_id = %[1]s AND gm.tenant_id = %[2]s AND gr.role_id = %[3]s AND %[5]s)`, acct, tenant, role, live("ar", now), live("gm", now))
}

// HeldRole is a role an account holds and where it comes from: GroupID is 0
// for a role given directly.
type HeldRole struct {
	RoleID     int64
	BuiltinKey string
	Name       string
	GroupID    int64
	GroupName  string
	// ExpiresAt is when the grant (the direct role, or the membership of
	// the group) ends; zero: never.
	ExpiresAt time.Time
}

// HeldRoles lists every role an account holds in the tenant now with its
// source, in one query whatever the number of groups; expired grants are left
// out (see ExpiredGrants).
func (s *Store) HeldRoles(ctx context.Context, tenantID, accountID int64) ([]HeldRole, error) {
	now := s.unix()
	rows, err := s.query(ctx, `SELECT r.id, COALESCE(r.builtin_key, ''), r.name, 0, '', ar.expires_at FROM account_roles ar
		JOIN roles r ON r.id = ar.role_id WHERE ar.account_id = ? AND ar.tenant_id = ? AND `+live("ar", now)+`
		UNION ALL
		SELECT r.id, COALESCE(r.builtin_key, ''), r.name, g.id, g.name, gm.expires_at FROM group_members gm
		JOIN user_groups g ON g.id = gm.group_id JOIN group_roles gr ON gr.group_id = g.id JOIN roles r ON r.id = gr.role_id
		WHERE gm.account_id = ? AND gm.tenant_id = ? AND `+live("gm", now)+`
		ORDER BY 1, 4`, accountID, tenantID, accountID, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: held roles: %w", err)
	}
	defer rows.Close()
	var out []HeldRole
	for rows.Next() {
		var h HeldRole
		var exp int64
		if err := rows.Scan(&h.RoleID, &h.BuiltinKey, &h.Name, &h.GroupID, &h.GroupName, &exp); err != nil {
			return nil, fmt.Errorf("store: held roles: %w", err)
		}
		h.ExpiresAt = unixOrZero(exp)
		out = append(out, h)
	}
	return out, rows.Err()
}

// GroupRoleIDs lists the roles a group gives its members.
func (s *Store) GroupRoleIDs(ctx context.Context, tenantID, groupID int64) ([]int64, error) {
	return ids(s.query(ctx, `SELECT role_id FROM group_roles WHERE tenant_id = ? AND group_id = ? ORDER BY role_id`, tenantID, groupID))
}

// syncHasRoleOfGroup recomputes the has_role flag of a group's members' search rows.
func (tx *Tx) syncHasRoleOfGroup(ctx context.Context, tenantID, groupID int64) error {
	_, err := tx.exec(ctx, `UPDATE account_terms SET has_role = `+fmt.Sprintf(hasRoleValue, "account_terms.account_id", "?")+`
		WHERE tenant_id = ? AND account_id IN (SELECT account_id FROM group_members WHERE tenant_id = ? AND group_id = ?)`,
		tenantID, tenantID, tenantID, tenantID, groupID)
	if err != nil {
		return fmt.Errorf("store: sync roles: %w", err)
	}
	return nil
}

// syncHasRoleOf recomputes the has_role flag of some accounts' search rows.
func (tx *Tx) syncHasRoleOf(ctx context.Context, tenantID int64, accountIDs []int64) error {
	for chunk := range chunks(accountIDs, 500) {
		args := []any{tenantID, tenantID, tenantID}
		for _, id := range chunk {
			args = append(args, id)
		}
		_, err := tx.exec(ctx, `UPDATE account_terms SET has_role = `+fmt.Sprintf(hasRoleValue, "account_terms.account_id", "?")+`
			WHERE tenant_id = ? AND account_id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return fmt.Errorf("store: sync roles: %w", err)
		}
	}
	return nil
}

// chunks splits ids into slices of at most n, to stay under SQL's variable limits.
func chunks(ids []int64, n int) func(func([]int64) bool) {
	return func(yield func([]int64) bool) {
		for len(ids) > 0 {
			k := min(n, len(ids))
			if !yield(ids[:k]) {
				return
			}
			ids = ids[k:]
		}
	}
}
