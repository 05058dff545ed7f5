package store

import (
	"context"
	"fmt"
)

// EndAccountSessions signs a person of the tenant out of every browser, as an
// administrator's change to that account: the guard judges the act-for rule
// inside the transaction that deletes, and the audit event says how many
// sessions ended. A member from another home tenant, or an unknown id, is
// ErrNotFound: sessions belong to the home tenant.
func (s *Store) EndAccountSessions(ctx context.Context, by Actor, id int64) (int64, error) {
	var ended int64
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() error {
			a, err := tx.account(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if a.Kind != "user" {
				return fmt.Errorf("store: end sessions: %w", ErrNotFound)
			}
			if ended, err = tx.endSessions(ctx, by.TenantID, id, ""); err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserSessionsEnd,
				TargetType: "account", TargetID: id, Details: map[string]any{"sessions_ended": ended}})
		})
	})
	return ended, err
}
