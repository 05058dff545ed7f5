package store

import (
	"context"
	"fmt"
)

// RegisterAgain answers a new registration of an address whose account is
// still a pending, unverified self-registration of the tenant. Such an
// account has no password (one registered before registration stopped taking
// passwords has it cleared here): it is chosen on the verification page by
// whoever holds the mailbox. A fresh verification link replaces the old one, and the administrators'
// notices are queued, in one transaction.
func (s *Store) RegisterAgain(ctx context.Context, tenantID, accountID int64, ip string, l Link, notices []Mail) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.serialize(ctx, tenantID); err != nil {
			return err
		}
		a, err := tx.account(ctx, tenantID, accountID)
		if err != nil {
			return err
		}
		if a.Status != "pending" || a.Origin != "registration" || a.AuthMethod != "password" {
			return ErrNotPending
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET password_hash = NULL, updated_at = ? WHERE tenant_id = ? AND id = ?`,
			tx.s.unix(), tenantID, accountID); err != nil {
			return fmt.Errorf("store: register again: %w", err)
		}
		if err := tx.sendLink(ctx, tenantID, accountID, l); err != nil {
			return err
		}
		for _, m := range notices {
			if err := tx.enqueue(ctx, m); err != nil {
				return err
			}
		}
		return tx.audit(ctx, Event{TenantID: tenantID, ActorID: accountID, IP: ip, Action: ActionUserRegisterAgain,
			TargetType: "account", TargetID: accountID})
	})
}
