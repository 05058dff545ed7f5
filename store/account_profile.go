package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// UpdateProfile changes the editable fields, with before and after in the audit event.
func (s *Store) UpdateProfile(ctx context.Context, by Actor, id int64, p Profile) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() (err error) {
			a, err = tx.updateProfile(ctx, by, id, p)
			return err
		})
	})
	return a, err
}

// updateProfile is UpdateProfile inside its transaction and guard.
func (tx *Tx) updateProfile(ctx context.Context, by Actor, id int64, p Profile) (Account, error) {
	if err := tx.noteManager(ctx, by.TenantID); err != nil {
		return Account{}, err
	}
	before, err := tx.account(ctx, by.TenantID, id)
	if err != nil {
		return Account{}, err
	}
	if before.providerOwned() != p.providerOwned() {
		// names, email, language and time zone are the provider's;
		// the type and the currency stay the console's
		if err := tx.locked(ctx, by, before.SCIMManaged); err != nil {
			return Account{}, err
		}
	}
	email := sql.NullString{String: strings.ToLower(p.Email), Valid: p.Email != ""}
	_, err = tx.exec(ctx, `UPDATE accounts SET first_name = ?, last_name = ?, sort_name = ?, email = ?, language = ?,
		time_zone = ?, currency = ?, user_type = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
		p.FirstName, p.LastName, SortName(p.FirstName, p.LastName), email, p.Language, p.TimeZone, p.Currency,
		p.UserType, tx.s.unix(), by.TenantID, id)
	if err != nil {
		if isUnique(err) {
			return Account{}, &Conflict{Field: uniqueField(err)}
		}
		return Account{}, fmt.Errorf("store: update account: %w", err)
	}
	if err := tx.writeTerms(ctx, by.TenantID, id); err != nil {
		return Account{}, err
	}
	if _, err := tx.exec(ctx, `UPDATE group_members SET sort_name = ? WHERE tenant_id = ? AND account_id = ?`,
		SortName(p.FirstName, p.LastName), by.TenantID, id); err != nil {
		return Account{}, fmt.Errorf("store: update account: %w", err)
	}
	// Links mailed to the old address must not work for whoever holds it.
	if !strings.EqualFold(before.Email, p.Email) {
		if err := tx.endLinks(ctx, id, "invite", "reset", "verify"); err != nil {
			return Account{}, err
		}
	}
	if before.UserType != p.UserType {
		if err := tx.ensureManager(ctx, by.TenantID); err != nil {
			return Account{}, err
		}
	}
	a, err := tx.account(ctx, by.TenantID, id)
	if err != nil {
		return a, err
	}
	b, af := profileMap(before, nil), profileMap(a, nil)
	diff(b, af)
	if len(af) == 0 {
		return a, nil
	}
	return a, tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserUpdate,
		TargetType: "account", TargetID: id, Details: map[string]any{"before": b, "after": af}})
}

// providerOwned is the part of a profile an identity provider keeps in sync.
func (p Profile) providerOwned() [5]string {
	return [5]string{p.FirstName, p.LastName, strings.ToLower(p.Email), p.Language, p.TimeZone}
}

func (a Account) providerOwned() [5]string {
	return Profile{FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, Language: a.Language, TimeZone: a.TimeZone}.providerOwned()
}
