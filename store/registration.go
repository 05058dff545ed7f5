package store

import (
	"context"
	"fmt"
)

// NotifyAddress is where notifications about an account go: its contact
// email once verified, else its email.
func (a Account) NotifyAddress() string {
	if a.ContactEmail != "" && a.ContactVerified {
		return a.ContactEmail
	}
	return a.Email
}

// unconfirmed: a self-registration whose address nobody has confirmed, so
// nobody has chosen its password either.
func (a Account) unconfirmed() bool {
	return a.Status == "pending" && a.Origin == "registration" && a.PasswordHash == ""
}

// Register creates a pending, self-registered account with its verification
// link, and queues the notices to the tenant's administrators, in one transaction.
// The account never has a password: whoever registered has not proven the
// address, so the password is chosen when the link is used (VerifyRegistration).
func (s *Store) Register(ctx context.Context, tenantID int64, n NewAccount, ip string, notices []Mail) (Account, error) {
	n.Origin, n.Status, n.Kind, n.RoleIDs, n.GroupIDs = "registration", "pending", "user", nil, nil
	n.PasswordHash = ""
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		var err error
		if a, err = tx.createAccount(ctx, tenantID, n); err != nil {
			return err
		}
		for _, m := range notices {
			if err := tx.enqueue(ctx, m); err != nil {
				return err
			}
		}
		return tx.audit(ctx, Event{TenantID: tenantID, ActorID: a.ID, IP: ip, Action: ActionUserRegister,
			TargetType: "account", TargetID: a.ID, Details: map[string]any{"after": profileMap(a, nil)}})
	})
	return a, err
}

// VerifyRegistration uses a registration's verification link: the account
// becomes active and gets the tenant's default roles, if it has any. Without
// them the person may sign in but waits for an administrator to grant roles.
// passwordHash, chosen on the verification page, becomes the account's
// password. Registration closed meanwhile ends every link.
func (s *Store) VerifyRegistration(ctx context.Context, hash, passwordHash, ip string) (Account, []int64, error) {
	var a Account
	var roles []int64
	err := s.tx(ctx, func(tx *Tx) error {
		_, acct, err := tx.useLink(ctx, hash, "verify")
		if err != nil {
			return err
		}
		var open bool
		if err := tx.queryRow(ctx, `SELECT self_registration = 1 AND blocked = 0 FROM tenants WHERE id = ?`, acct.TenantID).Scan(&open); err != nil {
			return fmt.Errorf("store: verify: %w", err)
		}
		if acct.Status != "pending" || !open || (acct.PasswordHash == "" && passwordHash == "") {
			return ErrBadLink
		}
		if err := tx.activate(ctx, acct, passwordHash); err != nil {
			return err
		}
		if roles, err = tx.defaultRoles(ctx, acct.TenantID); err != nil {
			return err
		}
		if err := tx.setRoles(ctx, acct.TenantID, acct.ID, roles); err != nil {
			return err
		}
		if err := tx.syncHasRoleOf(ctx, acct.TenantID, []int64{acct.ID}); err != nil {
			return err
		}
		if a, err = tx.account(ctx, acct.TenantID, acct.ID); err != nil {
			return err
		}
		if roles == nil {
			roles = []int64{}
		}
		return tx.audit(ctx, Event{TenantID: a.TenantID, ActorID: a.ID, IP: ip, Action: ActionUserVerify,
			TargetType: "account", TargetID: a.ID, Details: map[string]any{"after": map[string]any{"status": "active", "role_ids": roles}}})
	})
	return a, roles, err
}

// RegistrationRecipients are who hears of a self-registration, by the
// tenant's choice (NotifyAdmins, NotifyManagers, NotifyNone): its active
// Administrators, then (for NotifyManagers) its active people who manage
// users through a role, oldest first, at most MaxNotified.
func (s *Store) RegistrationRecipients(ctx context.Context, tenantID int64, mode string) ([]Account, error) {
	if mode == NotifyNone {
		return nil, nil
	}
	// Administrators, and for NotifyManagers whoever manages users through a role.
	managers := ``
	if mode == NotifyManagers {
		managers = ` OR EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.permission = 'users.manage'
			AND rp.role_id IN (` + heldRoleIDs("a.id", "a.tenant_id", s.unix()) + `))`
	}
	q := `SELECT ` + accountColumns + ` FROM accounts a
		WHERE a.tenant_id = ? AND a.kind = 'user' AND a.status = 'active' AND ` + live("a", s.unix()) + ` AND (a.user_type = 'admin'` + managers + `)
		ORDER BY CASE WHEN a.user_type = 'admin' THEN 0 ELSE 1 END, a.id LIMIT ?`
	rows, err := s.query(ctx, q, tenantID, MaxNotified)
	if err != nil {
		return nil, fmt.Errorf("store: registration recipients: %w", err)
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		var a Account
		if err := scanAccount(rows, &a); err != nil {
			return nil, fmt.Errorf("store: registration recipients: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetContactEmail sets or clears an account's contact email. A new address is
// unverified, and a link to verify it is mailed there (l is nil when clearing).
func (s *Store) SetContactEmail(ctx context.Context, by Actor, id int64, email string, l *Link) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() error {
			before, err := tx.account(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if before.ContactEmail == email {
				return nil
			}
			if _, err := tx.exec(ctx, `UPDATE accounts SET contact_email = ?, contact_verified_at = 0, updated_at = ?
				WHERE tenant_id = ? AND id = ?`, email, tx.s.unix(), by.TenantID, id); err != nil {
				return fmt.Errorf("store: contact email: %w", err)
			}
			if l != nil {
				if err := tx.sendLink(ctx, by.TenantID, id, *l); err != nil {
					return err
				}
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserContactEmail,
				TargetType: "account", TargetID: id, Details: map[string]any{"before": map[string]any{"contact_email": before.ContactEmail},
					"after": map[string]any{"contact_email": email}}})
		})
	})
}

// VerifyContactEmail uses a contact verification link; it verifies the
// address only if it is still the account's contact email.
func (s *Store) VerifyContactEmail(ctx context.Context, hash, ip string) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		k, acct, err := tx.useLink(ctx, hash, "contact")
		if err != nil {
			return err
		}
		if acct.ContactEmail != k.Data || acct.Status == "deactivated" {
			return ErrBadLink
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET contact_verified_at = ? WHERE id = ?`, tx.s.unix(), acct.ID); err != nil {
			return fmt.Errorf("store: verify contact: %w", err)
		}
		if a, err = tx.account(ctx, acct.TenantID, acct.ID); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: a.TenantID, ActorID: a.ID, IP: ip, Action: ActionUserContactEmailVerify,
			TargetType: "account", TargetID: a.ID, Details: map[string]any{"contact_email": a.ContactEmail}})
	})
	return a, err
}
