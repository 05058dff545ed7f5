package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SCIMUser is what an identity provider keeps of a person: the part of the
// account it owns. Login never changes once made.
type SCIMUser struct {
	Login      string
	FirstName  string
	LastName   string
	Email      string
	ExternalID string
	Language   string
	TimeZone   string
	Active     bool
}

// SCIMCreateUser creates a person for the provider: an SSO account (people
// it provisions sign in through the organisation's provider), managed by it,
// with the tenant's default roles. A login taken in any case is a Conflict
// on "login", as an address taken in the tenant tree is one on "email".
func (s *Store) SCIMCreateUser(ctx context.Context, by Actor, u SCIMUser) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.serialize(ctx, by.TenantID); err != nil {
			return err
		}
		var taken bool
		if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM accounts WHERE tenant_id = ? AND login_key = ?)`,
			by.TenantID, LoginKey(u.Login)).Scan(&taken); err != nil {
			return fmt.Errorf("store: scim create: %w", err)
		}
		if taken {
			return &Conflict{Field: "login"}
		}
		roles, err := tx.defaultRoles(ctx, by.TenantID)
		if err != nil {
			return err
		}
		status := "active"
		if !u.Active {
			status = "deactivated"
		}
		var currency string
		if err := tx.queryRow(ctx, `SELECT currency FROM tenants WHERE id = ?`, by.TenantID).Scan(&currency); err != nil {
			return fmt.Errorf("store: scim create: %w", notFound(err))
		}
		a, err = tx.newAccount(ctx, by, NewAccount{
			Profile: Profile{FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Language: u.Language,
				TimeZone: u.TimeZone, Currency: currency, UserType: "standard"},
			Kind: "user", Login: u.Login, Status: status, AuthMethod: "sso", RoleIDs: roles, Origin: "scim",
			SCIM: true, ExternalID: u.ExternalID})
		return err
	})
	return a, err
}

// SCIMSaveUser writes what the provider keeps of person id (a PUT, or a
// PATCH applied to what it read) and claims the person: from now on, in
// external mode, they are the provider's. The profile change and a status
// change are audited as the console's own (user.update, user.deactivate),
// and deactivating the last person able to manage users is refused.
func (s *Store) SCIMSaveUser(ctx context.Context, by Actor, id int64, u SCIMUser) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() error {
			before, err := tx.account(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if before.Kind != "user" {
				return ErrNotFound
			}
			p := Profile{FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Language: u.Language,
				TimeZone: u.TimeZone, Currency: before.Currency, UserType: before.UserType}
			if a, err = tx.updateProfile(ctx, by, id, p); err != nil {
				return err
			}
			var external sql.NullString
			if u.ExternalID != "" {
				external = sql.NullString{String: u.ExternalID, Valid: true}
			}
			if before.ExternalID != u.ExternalID || !before.SCIMManaged {
				if _, err := tx.exec(ctx, `UPDATE accounts SET external_id = ?, scim_managed = 1, updated_at = ? WHERE tenant_id = ? AND id = ?`,
					external, tx.s.unix(), by.TenantID, id); err != nil {
					return fmt.Errorf("store: scim save: %w", err)
				}
				if err := tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserSCIMClaim,
					TargetType: "account", TargetID: id, Details: map[string]any{
						"before": map[string]any{"external_id": before.ExternalID, "managed": before.SCIMManaged},
						"after":  map[string]any{"external_id": u.ExternalID, "managed": true}}}); err != nil {
					return err
				}
			}
			status := "active"
			if !u.Active {
				status = "deactivated"
			}
			if before.Status == "pending" && status == "active" && before.unconfirmed() {
				status = "pending" // only the owner of the address confirms a sign-up
			}
			a, err = tx.setStatus(ctx, by, id, status)
			return err
		})
	})
	return a, err
}

// DeleteAccount deletes a person for good, with their roles, memberships,
// keys, links and sessions; what they made and the audit history stay.
// Deleting the last person able to manage users is refused.
func (s *Store) DeleteAccount(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() error {
			if err := tx.noteManager(ctx, by.TenantID); err != nil {
				return err
			}
			a, err := tx.account(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if a.Kind != "user" {
				return ErrNotFound
			}
			if err := tx.locked(ctx, by, a.SCIMManaged); err != nil {
				return err
			}
			groups, err := ids(tx.query(ctx, `SELECT group_id FROM group_members WHERE account_id = ?`, id))
			if err != nil {
				return fmt.Errorf("store: delete account: %w", err)
			}
			if _, err := tx.exec(ctx, `DELETE FROM accounts WHERE tenant_id = ? AND id = ?`, by.TenantID, id); err != nil {
				return fmt.Errorf("store: delete account: %w", err)
			}
			for _, g := range groups {
				if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = member_count - 1 WHERE id = ?`, g); err != nil {
					return fmt.Errorf("store: delete account: %w", err)
				}
			}
			if err := tx.ensureManager(ctx, by.TenantID); err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserDelete,
				TargetType: "account", TargetID: id, Details: map[string]any{"before": profileMap(a, nil)}})
		})
	})
}
