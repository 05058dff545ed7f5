package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AddRoleUntil gives an account a direct role that ends at until (zero:
// never) in one guarded transaction, audited as the role's grant and its
// expiry. Adding never takes access away: a role already held for longer
// (or for good) keeps its end; one held for less is extended to until.
func (s *Store) AddRoleUntil(ctx context.Context, by Actor, accountID, roleID int64, until time.Time) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			fresh, extend, err := tx.grantUntil(ctx, roleExpiryRead, until, by.TenantID, accountID, roleID)
			if err != nil {
				return err
			}
			if fresh {
				err = tx.changeRoles(ctx, by, accountID, func(held []int64) []int64 { return withRole(held, roleID, true) })
			}
			if err != nil || !extend {
				return err
			}
			return tx.setExpiry(ctx, by, accountID, ActionUserRoleExpiry, "account", accountID, map[string]any{"role_id": roleID},
				roleExpiryRead, roleExpiryWrite, expiryValue(until), by.TenantID, accountID, roleID)
		})
	})
}

// AddMemberUntil puts an account in a group until until (zero: never) in
// one guarded transaction, as AddRoleUntil does a role.
func (s *Store) AddMemberUntil(ctx context.Context, by Actor, groupID, accountID int64, until time.Time) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			if err := tx.lockedGroup(ctx, by, groupID); err != nil { // the provider's group, new member or not
				return err
			}
			fresh, extend, err := tx.grantUntil(ctx, memberExpiryRead, until, by.TenantID, groupID, accountID)
			if err != nil {
				return err
			}
			if fresh {
				_, err = tx.changeMembers(ctx, by, groupID, []int64{accountID}, true)
			}
			if err != nil || !extend {
				return err
			}
			return tx.setExpiry(ctx, by, accountID, ActionGroupMemberExpiry, "group", groupID, map[string]any{"account_id": accountID},
				memberExpiryRead, memberExpiryWrite, expiryValue(until), by.TenantID, groupID, accountID)
		})
	})
}

// grantUntil says what adding a grant until until takes: fresh when it is
// not held (or held no more: expired), extend when its end must be set.
func (tx *Tx) grantUntil(ctx context.Context, read string, until time.Time, keys ...any) (fresh, extend bool, err error) {
	var at int64
	switch err := tx.queryRow(ctx, read, keys...).Scan(&at); {
	case errors.Is(err, sql.ErrNoRows):
		fresh = true
	case err != nil:
		return false, false, fmt.Errorf("store: grant: %w", err)
	default:
		fresh = at != 0 && at <= tx.s.unix()
	}
	if until.IsZero() {
		return fresh, false, nil
	}
	return fresh, fresh || (at != 0 && at < until.Unix()), nil
}
