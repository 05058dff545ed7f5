package store

import (
	"context"
	"fmt"
	"time"
)

// Reminder is an expiry coming within the tenant's notice: of the account
// itself (Kind "account"), a direct role ("role"), a group membership
// ("membership") or an API key ("apikey"); What names the role, group or key.
type Reminder struct {
	Kind      string
	AccountID int64
	ItemID    int64 // the role, group or key; the account for "account"
	What      string
	ExpiresAt time.Time
}

// reminderQueries read each kind's coming expiries not yet reminded of.
var reminderQueries = map[string][2]string{
	"account": {`SELECT a.id, a.id, '', a.expires_at FROM accounts a WHERE a.tenant_id = ? AND a.status <> 'deactivated'
		AND a.expires_at > ? AND a.expires_at <= ? AND a.expiry_reminded <> a.expires_at ORDER BY a.id`,
		`UPDATE accounts SET expiry_reminded = expires_at WHERE tenant_id = ? AND id = ? AND id = ? AND expires_at = ? AND expiry_reminded <> expires_at`},
	"role": {`SELECT ar.account_id, ar.role_id, r.name, ar.expires_at FROM account_roles ar JOIN roles r ON r.id = ar.role_id
		WHERE ar.tenant_id = ? AND ar.expires_at > ? AND ar.expires_at <= ? AND ar.expiry_reminded <> ar.expires_at ORDER BY 1, 2`,
		`UPDATE account_roles SET expiry_reminded = expires_at WHERE tenant_id = ? AND account_id = ? AND role_id = ? AND expires_at = ? AND expiry_reminded <> expires_at`},
	"membership": {`SELECT gm.account_id, gm.group_id, g.name, gm.expires_at FROM group_members gm JOIN user_groups g ON g.id = gm.group_id
		WHERE gm.tenant_id = ? AND gm.expires_at > ? AND gm.expires_at <= ? AND gm.expiry_reminded <> gm.expires_at ORDER BY 1, 2`,
		`UPDATE group_members SET expiry_reminded = expires_at WHERE tenant_id = ? AND account_id = ? AND group_id = ? AND expires_at = ? AND expiry_reminded <> expires_at`},
	"apikey": {`SELECT k.account_id, k.id, k.name, k.expires_at FROM api_keys k WHERE k.tenant_id = ? AND k.revoked_at = 0
		AND k.expires_at > ? AND k.expires_at <= ? AND k.expiry_reminded <> k.expires_at ORDER BY 1, 2`,
		`UPDATE api_keys SET expiry_reminded = expires_at WHERE tenant_id = ? AND account_id = ? AND id = ? AND expires_at = ? AND expiry_reminded <> expires_at`},
}

// ReminderKinds are the kinds of Reminder, in the order the sweeper sends them.
var ReminderKinds = []string{"account", "role", "membership", "apikey"}

// Reminders lists the tenant's expiries of kind coming after now and by
// until that no reminder went for yet. It writes nothing.
func (s *Store) Reminders(ctx context.Context, tenantID int64, kind string, now, until time.Time) ([]Reminder, error) {
	rows, err := s.query(ctx, reminderQueries[kind][0], tenantID, now.Unix(), until.Unix())
	if err != nil {
		return nil, fmt.Errorf("store: reminders: %w", err)
	}
	defer rows.Close()
	var out []Reminder
	for rows.Next() {
		r := Reminder{Kind: kind}
		var at int64
		if err := rows.Scan(&r.AccountID, &r.ItemID, &r.What, &at); err != nil {
			return nil, fmt.Errorf("store: reminders: %w", err)
		}
		r.ExpiresAt = time.Unix(at, 0).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// Reminded records that r's reminder went, with its mails queued in the same
// transaction; one already recorded (another sweep) queues nothing.
func (s *Store) Reminded(ctx context.Context, tenantID int64, r Reminder, mails []Mail) (bool, error) {
	sent := false
	err := s.tx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, reminderQueries[r.Kind][1], tenantID, r.AccountID, r.ItemID, r.ExpiresAt.Unix())
		if err != nil {
			return fmt.Errorf("store: reminded: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		for _, m := range mails {
			if err := tx.enqueue(ctx, m); err != nil {
				return err
			}
		}
		sent = true
		return nil
	})
	return sent, err
}
