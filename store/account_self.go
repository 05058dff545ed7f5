package store

import (
	"context"
	"fmt"
)

// OwnProfile is what people change about themselves on My account; email,
// user type and roles stay with administrators.
type OwnProfile struct {
	FirstName string
	LastName  string
	Language  string
	TimeZone  string
	Currency  string
}

// UpdateOwnProfile saves the actor's own profile, with before and after in the audit event.
func (s *Store) UpdateOwnProfile(ctx context.Context, by Actor, p OwnProfile) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		before, err := tx.account(ctx, by.TenantID, by.AccountID)
		if err != nil {
			return err
		}
		if before.FirstName != p.FirstName || before.LastName != p.LastName {
			// a provisioned person's name is the provider's; their
			// language, time zone and currency stay their own
			if err := tx.locked(ctx, by, before.SCIMManaged); err != nil {
				return err
			}
		}
		sortName := SortName(p.FirstName, p.LastName)
		if _, err := tx.exec(ctx, `UPDATE accounts SET first_name = ?, last_name = ?, sort_name = ?, language = ?, time_zone = ?,
			currency = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
			p.FirstName, p.LastName, sortName, p.Language, p.TimeZone, p.Currency, tx.s.unix(), by.TenantID, by.AccountID); err != nil {
			return fmt.Errorf("store: update own profile: %w", err)
		}
		// The search terms and group member lists carry the name too.
		if err := tx.writeTerms(ctx, by.TenantID, by.AccountID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE group_members SET sort_name = ? WHERE tenant_id = ? AND account_id = ?`,
			sortName, by.TenantID, by.AccountID); err != nil {
			return fmt.Errorf("store: update own profile: %w", err)
		}
		if a, err = tx.account(ctx, by.TenantID, by.AccountID); err != nil {
			return err
		}
		b, af := profileMap(before, nil), profileMap(a, nil)
		diff(b, af)
		if len(af) == 0 {
			return nil
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAccountUpdate,
			TargetType: "account", TargetID: by.AccountID, Details: map[string]any{"before": b, "after": af}})
	})
	return a, err
}
