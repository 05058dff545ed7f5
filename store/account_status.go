package store

import (
	"context"
	"fmt"
	"time"
)

// SetStatus activates or deactivates an account. Deactivation ends its sessions
// in the same transaction, so it is signed out at once. An unconfirmed
// self-registration (pending, no password) cannot be activated: only the
// owner of the address makes it active, by confirming (ErrUnconfirmed).
func (s *Store) SetStatus(ctx context.Context, by Actor, id int64, status string) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() (err error) {
			a, err = tx.setStatus(ctx, by, id, status)
			return err
		})
	})
	return a, err
}

// setStatus is SetStatus inside its transaction and guard.
func (tx *Tx) setStatus(ctx context.Context, by Actor, id int64, status string) (Account, error) {
	if err := tx.noteManager(ctx, by.TenantID); err != nil {
		return Account{}, err
	}
	before, err := tx.account(ctx, by.TenantID, id)
	if err != nil {
		return before, err
	}
	if err := tx.locked(ctx, by, before.SCIMManaged); err != nil {
		return before, err
	}
	if before.Status == status {
		return before, nil
	}
	if activeAgain(ctx, before) {
		return before, ErrActiveAgain
	}
	if status == "active" && before.unconfirmed() {
		return before, ErrUnconfirmed
	}
	// An activation forgets a dormancy warning: the person gets a new one,
	// and its notice, before the policy deactivates them again.
	if _, err := tx.exec(ctx, `UPDATE accounts SET status = ?, updated_at = ?,
		dormancy_warned_at = CASE WHEN ? = 'active' THEN 0 ELSE dormancy_warned_at END WHERE tenant_id = ? AND id = ?`,
		status, tx.s.unix(), status, by.TenantID, id); err != nil {
		return before, fmt.Errorf("store: set status: %w", err)
	}
	if err := tx.syncTermStatus(ctx, id, status); err != nil {
		return before, err
	}
	if status != "active" {
		// Only an active account may hold a session or count as a manager.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE account_id = ?`, id); err != nil {
			return before, fmt.Errorf("store: set status: %w", err)
		}
		if err := tx.endLinks(ctx, id); err != nil {
			return before, err
		}
		if err := tx.ensureManager(ctx, by.TenantID); err != nil {
			return before, err
		}
	}
	a, err := tx.account(ctx, by.TenantID, id)
	if err != nil {
		return a, err
	}
	action := map[string]Action{"active": ActionUserActivate, "deactivated": ActionUserDeactivate}[status]
	if action == "" {
		action = ActionUserStatus
	}
	return a, tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
		TargetType: "account", TargetID: id,
		Details: map[string]any{"before": map[string]any{"status": before.Status}, "after": map[string]any{"status": status}}})
}

// SignedIn records a successful sign-in at at: the account's last sign-in,
// and its activity (TouchActive). A failed attempt never reaches it.
func (s *Store) SignedIn(ctx context.Context, id int64, at time.Time) error {
	if _, err := s.exec(ctx, `UPDATE accounts SET last_signin_at = ? WHERE id = ?`, at.Unix(), id); err != nil {
		return fmt.Errorf("store: signed in: %w", err)
	}
	return s.TouchActive(ctx, id, at)
}

// TouchActive records activity at most once a minute per account, whatever
// the number of its sessions: the WHERE clause skips a write within the minute.
func (s *Store) TouchActive(ctx context.Context, id int64, at time.Time) error {
	res, err := s.exec(ctx, `UPDATE accounts SET last_active_at = ? WHERE id = ? AND last_active_at <= ?`, at.Unix(), id, at.Unix()-60)
	if err != nil {
		return fmt.Errorf("store: touch: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	// Its memberships keep it too, for their tenants' tables sorted by activity.
	if _, err := s.exec(ctx, `UPDATE tenant_members SET last_active_at = ? WHERE account_id = ?`, at.Unix(), id); err != nil {
		return fmt.Errorf("store: touch: %w", err)
	}
	return nil
}

// SetPasswordHash replaces an account's password hash (first administrator, password change).
func (s *Store) SetPasswordHash(ctx context.Context, tenantID, id int64, hash string) error {
	_, err := s.exec(ctx, `UPDATE accounts SET password_hash = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
		hash, s.unix(), tenantID, id)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	return nil
}

// noteManager records, before a change, whether the tenant has a manager, so
// ensureManager refuses only a change that takes the last one away (a tenant
// that has none yet is not locked out of every change).
func (tx *Tx) noteManager(ctx context.Context, tenantID int64) error {
	had, err := tx.hasManager(ctx, tenantID)
	tx.hadManager = had
	return err
}

// ensureManager refuses a change that leaves the tenant without an active
// person able to manage users: an Admin, or a Standard user with users.manage.
func (tx *Tx) ensureManager(ctx context.Context, tenantID int64) error {
	if !tx.hadManager {
		return nil
	}
	ok, err := tx.hasManager(ctx, tenantID)
	if err != nil {
		return err
	}
	if !ok {
		return ErrLastManager
	}
	return nil
}

// hasManager reports whether someone who can sign in to the console today
// manages users: an active person with a password set, or an SSO person the
// tenant's enabled connection signs in (bound to its issuer, or not bound yet
// with an address of one of its domains, or of any when it lists none), who
// is an Admin or a Standard user with users.manage.
func (tx *Tx) hasManager(ctx context.Context, tenantID int64) (bool, error) {
	if err := tx.serialize(ctx, tenantID); err != nil {
		return false, err
	}
	var ok bool
	// Only the candidates are read (the tenant's Admins and the holders of
	// a role with users.manage, directly or through a group), so the check
	// costs the same whatever the number of people without that access.
	err := tx.queryRow(ctx, hasManagerSQL(tx.s.unix()), tenantID, tenantID, tenantID, tenantID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: ensure manager: %w", err)
	}
	return ok, nil
}

// hasManagerSQL asks whether the tenant keeps an able manager at now: an
// expired account, role or membership counts for nothing.
func hasManagerSQL(now int64) string {
	return `WITH mr AS (SELECT rp.role_id FROM roles r JOIN role_permissions rp ON rp.role_id = r.id
			WHERE r.tenant_id = ? AND rp.permission = 'users.manage'),
		cand AS (SELECT a.id FROM accounts a WHERE a.tenant_id = ? AND a.user_type = 'admin'
			UNION ALL SELECT ar.account_id FROM mr CROSS JOIN account_roles ar WHERE ar.tenant_id = ? AND ar.role_id = mr.role_id
			UNION ALL SELECT gm.account_id FROM mr CROSS JOIN group_roles gr CROSS JOIN group_members gm
				WHERE gr.role_id = mr.role_id AND gm.group_id = gr.group_id)
		SELECT EXISTS (SELECT 1 FROM cand CROSS JOIN accounts a -- CROSS: SQLite reads cand first
		WHERE a.id = cand.id AND a.tenant_id = ? AND a.kind = 'user' AND a.status = 'active' AND ` + live("a", now) + `
		AND ((a.auth_method = 'password' AND a.password_hash IS NOT NULL AND a.password_hash <> '')
			OR (a.auth_method = 'sso' AND EXISTS (SELECT 1 FROM sso_connections c WHERE c.tenant_id = a.tenant_id AND c.enabled = 1
				AND (a.sso_issuer = c.issuer OR (a.sso_subject IS NULL
					AND (NOT EXISTS (SELECT 1 FROM sso_domains d WHERE d.tenant_id = c.tenant_id)
						OR EXISTS (SELECT 1 FROM sso_domains d WHERE d.tenant_id = c.tenant_id
							AND substr(a.email, length(a.email) - length(d.domain)) = '@' || d.domain)))))))
		AND (a.user_type = 'admin'
		OR (a.user_type = 'standard' AND EXISTS (SELECT 1 FROM role_permissions rp
			WHERE rp.permission = 'users.manage' AND rp.role_id IN (` + heldRoleIDs("a.id", "a.tenant_id", now) + `)))))`
}
