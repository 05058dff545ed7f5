package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrUnknownGroup means a group id is not one of the tenant's groups.
var ErrUnknownGroup = errors.New("store: unknown group")

// ServiceAccount is an application's account as the service-accounts list shows it.
type ServiceAccount struct {
	Account
	Description string
	ActiveKeys  int
}

// NewServiceAccount is what CreateServiceAccount needs; its login is made from the name.
type NewServiceAccount struct {
	Name        string
	Description string
	RoleIDs     []int64
	GroupIDs    []int64
}

// ServiceLogin is the login of a service account named name: "svc." and the
// folded words of the name, so two names that differ only in case or accents
// collide, as group names do.
func ServiceLogin(name string) string {
	words := strings.FieldsFunc(Fold(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	login := []rune("svc." + strings.Join(words, "-"))
	return strings.TrimRight(string(login[:min(len(login), 64)]), "-") // logins are at most 64 characters
}

// CreateServiceAccount creates an application's account (never able to sign
// in to the console) with its roles and groups, and its audit event, in one
// transaction. A name taken is a Conflict on "name".
func (s *Store) CreateServiceAccount(ctx context.Context, by Actor, n NewServiceAccount) (ServiceAccount, error) {
	var sa ServiceAccount
	err := s.tx(ctx, func(tx *Tx) error {
		a, err := tx.createAccount(ctx, by.TenantID, NewAccount{Kind: "service", Login: ServiceLogin(n.Name),
			Profile: Profile{FirstName: cleanName(n.Name), Language: "en", TimeZone: "UTC", Currency: "USD", UserType: "standard"},
			Status:  "active", AuthMethod: "password", RoleIDs: n.RoleIDs})
		var conflict *Conflict
		if errors.As(err, &conflict) {
			return &Conflict{Field: "name"}
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET description = ? WHERE tenant_id = ? AND id = ?`,
			n.Description, by.TenantID, a.ID); err != nil {
			return fmt.Errorf("store: create service account: %w", err)
		}
		for _, g := range n.GroupIDs {
			res, err := tx.exec(ctx, `INSERT INTO group_members (tenant_id, group_id, account_id, sort_name)
				SELECT g.tenant_id, g.id, CAST(? AS BIGINT), CAST(? AS TEXT) FROM user_groups g WHERE g.tenant_id = ? AND g.id = ?
				ON CONFLICT DO NOTHING`,
				a.ID, SortName(a.FirstName, a.LastName), by.TenantID, g)
			if err != nil {
				return fmt.Errorf("store: create service account: %w", err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return ErrUnknownGroup
			}
			if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = member_count + 1 WHERE tenant_id = ? AND id = ?`,
				by.TenantID, g); err != nil {
				return fmt.Errorf("store: create service account: %w", err)
			}
		}
		if err := tx.syncHasRoleOf(ctx, by.TenantID, []int64{a.ID}); err != nil {
			return err
		}
		if err := tx.judgeNew(ctx, by, a.ID); err != nil {
			return err
		}
		sa = ServiceAccount{Account: a, Description: n.Description}
		after := map[string]any{"name": a.FirstName, "login": a.Login, "description": n.Description,
			"role_ids": n.RoleIDs, "group_ids": n.GroupIDs}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionServiceAccountCreate,
			TargetType: "account", TargetID: a.ID, Details: map[string]any{"after": after}})
	})
	return sa, err
}

// ServiceAccounts pages a tenant's service accounts by id after afterID.
func (s *Store) ServiceAccounts(ctx context.Context, tenantID, afterID int64, limit int) ([]ServiceAccount, error) {
	rows, err := s.query(ctx, `SELECT `+accountColumns+`, a.description,
		(SELECT COUNT(*) FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at = 0 AND (k.expires_at = 0 OR k.expires_at > ?))
		FROM accounts a WHERE a.tenant_id = ? AND a.kind = 'service' AND a.id > ? ORDER BY a.id LIMIT ?`,
		s.unix(), tenantID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: service accounts: %w", err)
	}
	defer rows.Close()
	var out []ServiceAccount
	for rows.Next() {
		var sa ServiceAccount
		if err := scanAccount(rows, &sa.Account, &sa.Description, &sa.ActiveKeys); err != nil {
			return nil, fmt.Errorf("store: service accounts: %w", err)
		}
		out = append(out, sa)
	}
	return out, rows.Err()
}

// ServiceAccountByID returns one service account of the tenant; a person's id is ErrNotFound.
func (s *Store) ServiceAccountByID(ctx context.Context, tenantID, id int64) (ServiceAccount, error) {
	var sa ServiceAccount
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+`, a.description, 0 FROM accounts a
		WHERE a.tenant_id = ? AND a.id = ? AND a.kind = 'service'`, tenantID, id), &sa.Account, &sa.Description, &sa.ActiveKeys)
	if err != nil {
		return sa, fmt.Errorf("store: service account: %w", notFound(err))
	}
	return sa, nil
}

// AccountByLogin finds an account by login within a tenant (a service account has no email).
func (s *Store) AccountByLogin(ctx context.Context, tenantID int64, login string) (Account, error) {
	var a Account
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.tenant_id = ? AND a.login = ?`,
		tenantID, login), &a)
	if err != nil {
		return a, fmt.Errorf("store: account by login: %w", notFound(err))
	}
	return a, nil
}
