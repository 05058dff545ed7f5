package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SeedAccount is one generated demo account.
type SeedAccount struct {
	NewAccount
	CreatedAt    time.Time
	LastActiveAt time.Time
}

// Seed inserts demo accounts in one transaction with prepared statements, so
// 100,000 accounts take seconds; one audit event records the import.
func (s *Store) Seed(ctx context.Context, by Actor, accounts []SeedAccount) error {
	return s.tx(ctx, func(tx *Tx) error {
		var root int64
		if err := tx.queryRow(ctx, `SELECT root_id FROM tenants WHERE id = ?`, by.TenantID).Scan(&root); err != nil {
			return fmt.Errorf("store: seed: %w", notFound(err))
		}
		acc, err := tx.tx.PrepareContext(ctx, `INSERT INTO accounts (tenant_id, root_id, kind, login, first_name, last_name,
			sort_name, email, language, time_zone, currency, status, auth_method, user_type, last_active_at, created_at, updated_at)
			VALUES (?, ?, 'user', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		defer acc.Close()
		term, err := tx.tx.PrepareContext(ctx, `INSERT OR IGNORE INTO account_terms (tenant_id, term, account_id, kind,
			sort_name, email, created_at, status, user_type, has_role) VALUES (?, ?, ?, 'user', ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		defer term.Close()
		role, err := tx.tx.PrepareContext(ctx, `INSERT INTO account_roles (tenant_id, account_id, role_id) VALUES (?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		defer role.Close()
		for _, a := range accounts {
			var last int64
			if !a.LastActiveAt.IsZero() {
				last = a.LastActiveAt.Unix()
			}
			res, err := acc.ExecContext(ctx, by.TenantID, root, a.Login, a.FirstName, a.LastName, SortName(a.FirstName, a.LastName),
				strings.ToLower(a.Email), a.Language, a.TimeZone, a.Currency, a.Status, a.AuthMethod, a.UserType, last, a.CreatedAt.Unix(), a.CreatedAt.Unix())
			if err != nil {
				if isUnique(err) {
					return &Conflict{Field: uniqueField(err)}
				}
				return fmt.Errorf("store: seed: %w", err)
			}
			id, _ := res.LastInsertId()
			for _, t := range searchTerms(a.FirstName, a.LastName, a.Login, a.Email) {
				if _, err := term.ExecContext(ctx, by.TenantID, t, id, SortName(a.FirstName, a.LastName),
					strings.ToLower(a.Email), a.CreatedAt.Unix(), a.Status, a.UserType, len(a.RoleIDs) > 0); err != nil {
					return fmt.Errorf("store: seed: %w", err)
				}
			}
			for _, r := range a.RoleIDs {
				if _, err := role.ExecContext(ctx, by.TenantID, id, r); err != nil {
					return fmt.Errorf("store: seed: %w", err)
				}
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: "users.seed",
			Details: map[string]any{"count": len(accounts)}})
	})
}

// AccountByEmail finds an account by email within a tenant.
func (s *Store) AccountByEmail(ctx context.Context, tenantID int64, email string) (Account, error) {
	var a Account
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.tenant_id = ? AND a.email = ?`,
		tenantID, strings.ToLower(email)), &a)
	if err != nil {
		return a, fmt.Errorf("store: account by email: %w", notFound(err))
	}
	return a, nil
}

// Backup writes a consistent copy of the database to path (VACUUM INTO), safe while serving.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := s.w.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}
