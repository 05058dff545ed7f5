package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Access is an account's standing in a tenant as a guard judges it: its type,
// status and the permissions of every role it holds (directly or through a
// group), sorted. A read-only account's roles are listed as they are; what
// they are worth is auth's business.
type Access struct {
	ID       int64
	Kind     string
	UserType string
	Status   string
	Perms    []string
	// Home is the account's home tenant: another than the tenant judged in
	// for a member (a person pushed down, a service provider's user), whose
	// user type Admin does not carry there.
	Home int64
}

// Guard decides, inside the write transaction of a change, whether the change
// may stand. Begin runs before anything is written and says whether Judge
// needs the access of the accounts the change touches (an Admin's changes do
// not); Judge runs after the change, before the commit, with their access
// before and after (an account missing from after was deleted, one missing
// from before was created). An error from either rolls the change back and is
// returned as it is. The operations layer (ops) supplies it; a nil Guard
// allows everything (seeding, tests of the store itself).
type Guard interface {
	Begin(ctx context.Context, v View) (watch bool, err error)
	Judge(ctx context.Context, v View, before, after map[int64]Access) error
}

// View reads inside a write transaction, so what a guard decides on is what
// the transaction will commit.
type View struct{ tx *Tx }

// Access reads the access of each listed account of the tenant; accounts of
// other tenants and unknown ids are left out.
func (v View) Access(ctx context.Context, tenantID int64, ids []int64) (map[int64]Access, error) {
	return v.tx.access(ctx, tenantID, ids)
}

// guarded runs change under by's guard: the access of the accounts that
// affected names (read before the change) is taken before and after it.
func (tx *Tx) guarded(ctx context.Context, by Actor, affected func() ([]int64, error), change func() error) error {
	if err := tx.serialize(ctx, by.TenantID); err != nil {
		return err
	}
	if by.Guard == nil {
		return change()
	}
	v := View{tx}
	watch, err := by.Guard.Begin(ctx, v)
	if err != nil {
		return err
	}
	if !watch {
		return change()
	}
	ids, err := affected()
	if err != nil {
		return err
	}
	before, err := tx.access(ctx, by.TenantID, ids)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := tx.access(ctx, by.TenantID, ids)
	if err != nil {
		return err
	}
	return by.Guard.Judge(ctx, v, before, after)
}

// these names a fixed list of affected accounts.
func these(ids ...int64) func() ([]int64, error) {
	return func() ([]int64, error) { return ids, nil }
}

// begin is a change that touches no account's access (a group's name, a
// project): the guard's Begin alone decides.
func (tx *Tx) begin(ctx context.Context, by Actor) error {
	if err := tx.serialize(ctx, by.TenantID); err != nil {
		return err
	}
	if by.Guard == nil {
		return nil
	}
	_, err := by.Guard.Begin(ctx, View{tx})
	return err
}

// accessChunk keeps each IN list well under SQLite's variable limit.
const accessChunk = 500

// typeIn is account a's user type in the tenant ?: a member's Admin type
// stays in its home tenant. ofTenant: a is of the tenant ? (twice), at home or
// as a member. Each takes the tenant id as its arguments, in this order.
const (
	typeIn   = `CASE WHEN a.tenant_id = ? OR a.user_type <> 'admin' THEN a.user_type ELSE 'standard' END`
	ofTenant = `(a.tenant_id = ? OR EXISTS (SELECT 1 FROM tenant_members tm WHERE tm.tenant_id = ? AND tm.account_id = a.id))`
)

func (tx *Tx) access(ctx context.Context, tenantID int64, ids []int64) (map[int64]Access, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make(map[int64]Access, len(ids))
	for chunk := range slices.Chunk(ids, accessChunk) {
		args := []any{tenantID, tenantID, tenantID, tenantID, tenantID}
		for _, id := range chunk {
			args = append(args, id)
		}
		now := tx.s.unix()
		// An expired account stands as a deactivated one.
		rows, err := tx.query(ctx, `SELECT a.id, a.kind, `+typeIn+`, CASE WHEN `+live("a", now)+` THEN a.status ELSE 'deactivated' END, a.tenant_id,
			COALESCE((SELECT string_agg(p.permission, '`+permSep+`') FROM (SELECT DISTINCT rp.permission FROM role_permissions rp
				WHERE rp.role_id IN (`+heldRoleIDs("a.id", "?", now)+`)) p), '')
			FROM accounts a WHERE `+ofTenant+` AND a.id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: access: %w", err)
		}
		for rows.Next() {
			var a Access
			var perms string
			if err := rows.Scan(&a.ID, &a.Kind, &a.UserType, &a.Status, &a.Home, &perms); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: access: %w", err)
			}
			if perms != "" {
				a.Perms = strings.Split(perms, permSep)
				slices.Sort(a.Perms)
			}
			out[a.ID] = a
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("store: access: %w", err)
		}
	}
	return out, nil
}

// groupMemberIDs lists a group's members: who a change of its roles touches.
func (tx *Tx) groupMemberIDs(ctx context.Context, tenantID, groupID int64) func() ([]int64, error) {
	return func() ([]int64, error) {
		return ids(tx.query(ctx, `SELECT account_id FROM group_members WHERE tenant_id = ? AND group_id = ?`, tenantID, groupID))
	}
}

// roleHolderIDs lists who holds a role, directly or through a group: who a
// change of its permissions touches.
func (tx *Tx) roleHolderIDs(ctx context.Context, tenantID, roleID int64) func() ([]int64, error) {
	return func() ([]int64, error) {
		return ids(tx.query(ctx, `SELECT account_id FROM account_roles WHERE tenant_id = ? AND role_id = ?
			UNION SELECT gm.account_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
			WHERE gm.tenant_id = ? AND gr.role_id = ?`, tenantID, roleID, tenantID, roleID))
	}
}

// judgeNew puts an account created in this transaction before by's guard:
// it had no access before, and what it holds now must be the actor's to give.
func (tx *Tx) judgeNew(ctx context.Context, by Actor, id int64) error {
	if by.Guard == nil {
		return nil
	}
	v := View{tx}
	if watch, err := by.Guard.Begin(ctx, v); err != nil || !watch {
		return err
	}
	after, err := tx.access(ctx, by.TenantID, []int64{id})
	if err != nil {
		return err
	}
	return by.Guard.Judge(ctx, v, map[int64]Access{}, after)
}

// permHolderIDs lists who holds a permission through any role, directly or
// through a group: who losing it touches.
func (tx *Tx) permHolderIDs(ctx context.Context, tenantID int64, perm string) func() ([]int64, error) {
	return func() ([]int64, error) {
		return ids(tx.query(ctx, `SELECT ar.account_id FROM account_roles ar JOIN role_permissions rp ON rp.role_id = ar.role_id
			WHERE ar.tenant_id = ? AND rp.permission = ?
			UNION SELECT gm.account_id FROM group_members gm JOIN group_roles gr ON gr.group_id = gm.group_id
			JOIN role_permissions rp ON rp.role_id = gr.role_id WHERE gm.tenant_id = ? AND rp.permission = ?`,
			tenantID, perm, tenantID, perm))
	}
}

// Granter is a Guard that also judges what a change gives away: the
// permissions a group, a role or the tenant's default roles gain, whether or
// not anyone holds them yet (whoever joins later gets them). The store calls
// Grants inside the transaction with what it read there, after Begin.
type Granter interface {
	Grants(ctx context.Context, v View, give []string) error
}

// grantPerms puts give before by's guard, if it judges grants.
func (tx *Tx) grantPerms(ctx context.Context, by Actor, give []string) error {
	g, ok := by.Guard.(Granter)
	if !ok || len(give) == 0 {
		return nil
	}
	return g.Grants(ctx, View{tx}, give)
}

// grantRoles puts the permissions of the roles in after but not in before
// (role ids of the tenant) before by's guard.
func (tx *Tx) grantRoles(ctx context.Context, by Actor, before, after []int64) error {
	if _, ok := by.Guard.(Granter); !ok {
		return nil
	}
	var added []int64
	for _, id := range after {
		if !slices.Contains(before, id) {
			added = append(added, id)
		}
	}
	return tx.grantRolesOf(ctx, by, by.TenantID, added)
}

// grantRolesOf puts the permissions of the roles of tenantID with these ids
// before by's guard, if it judges grants.
func (tx *Tx) grantRolesOf(ctx context.Context, by Actor, tenantID int64, roleIDs []int64) error {
	if _, ok := by.Guard.(Granter); !ok || len(roleIDs) == 0 {
		return nil
	}
	args := []any{tenantID}
	for _, id := range roleIDs {
		args = append(args, id)
	}
	rows, err := tx.query(ctx, `SELECT DISTINCT rp.permission FROM role_permissions rp JOIN roles r ON r.id = rp.role_id
		WHERE r.tenant_id = ? AND r.id IN (`+placeholders(len(roleIDs))+`)`, args...)
	if err != nil {
		return fmt.Errorf("store: grants: %w", err)
	}
	defer rows.Close()
	var give []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return fmt.Errorf("store: grants: %w", err)
		}
		give = append(give, p)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return tx.grantPerms(ctx, by, give)
}
