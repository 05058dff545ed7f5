package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ErrPushUp refuses a membership whose person is not of an ancestor of the
// tenant: people are disseminated downwards only, never pushed up or sideways.
var ErrPushUp = errors.New("store: a member must come from an ancestor tenant")

// SetMemberRoles makes the account, a person of an ancestor of the tenant
// by acts in, a member there holding exactly roleIDs (pushing them down, or
// changing their roles there), under by's guard, in one transaction with
// its audit event. It reports whether the membership is new.
func (s *Store) SetMemberRoles(ctx context.Context, by Actor, accountID int64, roleIDs []int64) (bool, error) {
	var added bool
	err := s.tx(ctx, func(tx *Tx) error {
		var err error
		added, err = tx.setMemberRoles(ctx, by, accountID, roleIDs)
		return err
	})
	return added, err
}

func (tx *Tx) setMemberRoles(ctx context.Context, by Actor, accountID int64, roleIDs []int64) (bool, error) {
	var added bool
	err := tx.guarded(ctx, by, these(accountID), func() error {
		m, err := tx.putMember(ctx, by, by.TenantID, accountID, roleIDs, false, nil)
		added = m.added
		return err
	})
	return added, err
}

// memberChange is what putMember did: whether the membership is new, and the
// account's roles in the tenant before and after.
type memberChange struct {
	added         bool
	home          int64
	before, after []int64
}

// putMember makes the account, a person of an ancestor of tenantID, a member
// there holding exactly roleIDs, with its audit event in tenantID (extra
// joins its details). No guard: the caller runs it under one. laterTerms:
// the caller rewrites the account's search rows once, after a batch.
func (tx *Tx) putMember(ctx context.Context, by Actor, tenantID, accountID int64, roleIDs []int64, laterTerms bool,
	extra map[string]any) (memberChange, error) {
	var m memberChange
	var kind string
	if err := tx.queryRow(ctx, `SELECT tenant_id, kind FROM accounts WHERE id = ?`, accountID).Scan(&m.home, &kind); err != nil {
		return m, fmt.Errorf("store: member: %w", notFound(err))
	}
	if kind != "user" {
		return m, ErrNotFound
	}
	if m.home == tenantID {
		return m, ErrPushUp // already of this tenant: its roles are set as any home person's
	}
	if ok, err := within(ctx, tx, tenantID, m.home); err != nil {
		return m, err
	} else if !ok {
		return m, ErrPushUp
	}
	res, err := tx.exec(ctx, `INSERT INTO tenant_members (tenant_id, account_id, kind, sort_name, email, created_at,
			status, user_type, last_active_at, added_at)
		SELECT CAST(? AS BIGINT), id, kind, sort_name, email, created_at, status, `+memberType+`, last_active_at, CAST(? AS BIGINT)
		FROM accounts WHERE id = ?
		ON CONFLICT (tenant_id, account_id) DO NOTHING`, tenantID, tx.s.unix(), accountID)
	if err != nil {
		return m, fmt.Errorf("store: member: %w", err)
	}
	n, _ := res.RowsAffected()
	m.added = n == 1
	if m.before, err = tx.roleIDs(ctx, tenantID, accountID); err != nil {
		return m, err
	}
	if err := tx.setRoles(ctx, tenantID, accountID, roleIDs); err != nil {
		return m, err
	}
	if m.after, err = tx.roleIDs(ctx, tenantID, accountID); err != nil {
		return m, err
	}
	switch {
	case m.added && !laterTerms:
		if err := tx.memberTerms(ctx, m.home, tenantID, accountID); err != nil {
			return m, err
		}
	case !m.added:
		if err := tx.syncHasRoleOf(ctx, tenantID, []int64{accountID}); err != nil {
			return m, err
		}
	}
	if !m.added && slices.Equal(m.before, m.after) {
		return m, nil
	}
	action := ActionUserRoles
	if m.added {
		action = ActionMemberAdd
	}
	details := map[string]any{"home_tenant_id": m.home, "before": map[string]any{"role_ids": m.before},
		"after": map[string]any{"role_ids": m.after}}
	maps.Copy(details, extra)
	return m, tx.audit(ctx, Event{TenantID: tenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
		TargetType: "account", TargetID: accountID, Details: details})
}

// RemoveMember ends the account's membership of the tenant by acts in: its
// roles, groups, projects and keys there go; its home account and its
// memberships elsewhere stay. ErrNotFound when it is no member there.
func (s *Store) RemoveMember(ctx context.Context, by Actor, accountID int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			_, err := tx.dropMember(ctx, by, by.TenantID, accountID, nil)
			return err
		})
	})
}

// dropMember ends the account's membership of tenantID with its audit event
// there (extra joins its details), under the caller's guard; it returns the
// roles the account held there. ErrNotFound when it is no member there.
func (tx *Tx) dropMember(ctx context.Context, by Actor, tenantID, accountID int64, extra map[string]any) ([]int64, error) {
	before, err := tx.roleIDs(ctx, tenantID, accountID)
	if err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `DELETE FROM tenant_members WHERE tenant_id = ? AND account_id = ?`, tenantID, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: remove member: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, ErrNotFound
	}
	for _, q := range []string{
		`DELETE FROM account_roles WHERE tenant_id = ? AND account_id = ?`,
		`DELETE FROM group_members WHERE tenant_id = ? AND account_id = ?`,
		`DELETE FROM project_users WHERE tenant_id = ? AND account_id = ?`,
		`DELETE FROM account_terms WHERE tenant_id = ? AND account_id = ?`,
		`UPDATE api_keys SET revoked_at = ` + fmt.Sprint(tx.s.unix()) + ` WHERE tenant_id = ? AND account_id = ? AND revoked_at = 0`,
	} {
		if _, err := tx.exec(ctx, q, tenantID, accountID); err != nil {
			return nil, fmt.Errorf("store: remove member: %w", err)
		}
	}
	var details map[string]any
	if len(extra) > 0 {
		details = maps.Clone(extra)
	}
	return before, tx.audit(ctx, Event{TenantID: tenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionMemberRemove,
		TargetType: "account", TargetID: accountID, Details: details})
}

// memberType is the user type a member's row carries: the one it acts with
// in the tenant, where a home Admin counts as Standard (auth.TypeIn), so the
// users table's filters read it as the guard does.
const memberType = `CASE WHEN user_type = 'admin' THEN 'standard' ELSE user_type END`

// syncMembers copies an account's listing columns into its membership rows.
func (tx *Tx) syncMembers(ctx context.Context, accountID int64) error {
	_, err := tx.exec(ctx, `UPDATE tenant_members SET kind = a.kind, sort_name = a.sort_name, email = a.email,
		created_at = a.created_at, status = a.status, user_type = `+strings.ReplaceAll(memberType, "user_type", "a.user_type")+`,
		last_active_at = a.last_active_at
		FROM accounts a WHERE a.id = tenant_members.account_id AND tenant_members.account_id = ?`, accountID)
	if err != nil {
		return fmt.Errorf("store: members: %w", err)
	}
	return nil
}
