package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SeedAccount is one generated demo account, with the groups it joins.
type SeedAccount struct {
	NewAccount
	GroupIDs     []int64
	CreatedAt    time.Time
	LastActiveAt time.Time
}

// Seed inserts demo accounts in one transaction with prepared statements;
// one audit event records the import. On SQLite a seed larger than the
// table it fills sets the indexes aside and builds them at the end, and
// sorts the search rows before writing them (seed_bulk.go): 100,000
// accounts take about 30 s on two cores.
func (s *Store) Seed(ctx context.Context, by Actor, accounts []SeedAccount) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.serialize(ctx, by.TenantID); err != nil {
			return err
		}
		var root int64
		if err := tx.queryRow(ctx, `SELECT root_id FROM tenants WHERE id = ?`, by.TenantID).Scan(&root); err != nil {
			return fmt.Errorf("store: seed: %w", notFound(err))
		}
		// On SQLite a seed larger than the table it fills builds the indexes
		// afterwards.
		var restore []string
		var bulk bool
		if !tx.s.pg {
			var total int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&total); err != nil {
				return fmt.Errorf("store: seed: %w", err)
			}
			if bulk = len(accounts) > total; bulk {
				var err error
				if restore, err = tx.setAsideIndexes(ctx); err != nil {
					return err
				}
			}
		}
		acc, err := tx.prepare(ctx, `INSERT INTO accounts (tenant_id, root_id, kind, login, first_name, last_name,
			sort_name, email, language, time_zone, currency, status, auth_method, user_type, last_active_at, created_at, updated_at, login_key)
			VALUES (?, ?, 'user', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
		if err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		defer acc.Close()
		terms, err := tx.seedTerms(ctx, bulk)
		if err != nil {
			return err
		}
		defer terms.close()
		role, err := tx.prepare(ctx, `INSERT INTO account_roles (tenant_id, account_id, role_id) VALUES (?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		defer role.Close()
		member, err := tx.prepare(ctx, `INSERT INTO group_members (tenant_id, group_id, account_id, sort_name)
			SELECT tenant_id, id, ?, ? FROM user_groups WHERE tenant_id = ? AND id = ?`)
		if err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		defer member.Close()
		withRoles, err := tx.groupsWithRoles(ctx, by.TenantID)
		if err != nil {
			return err
		}
		for _, a := range accounts {
			hasRole := len(a.RoleIDs) > 0 || slices.ContainsFunc(a.GroupIDs, func(g int64) bool { return withRoles[g] })
			var last int64
			if !a.LastActiveAt.IsZero() {
				last = a.LastActiveAt.Unix()
			}
			var id int64
			sortName, email := SortName(a.FirstName, a.LastName), strings.ToLower(a.Email)
			err := acc.queryRow(ctx, by.TenantID, root, a.Login, a.FirstName, a.LastName, sortName,
				email, a.Language, a.TimeZone, a.Currency, a.Status, a.AuthMethod, a.UserType, last, a.CreatedAt.Unix(), a.CreatedAt.Unix(), LoginKey(a.Login)).Scan(&id)
			if err != nil {
				if isUnique(err) {
					return &Conflict{Field: uniqueField(err)}
				}
				return fmt.Errorf("store: seed: %w", err)
			}
			if err := terms.add(ctx, by.TenantID, id, searchTerms(a.FirstName, a.LastName, a.Login, a.Email),
				sortName, email, a.CreatedAt.Unix(), a.Status, a.UserType, hasRole); err != nil {
				return err
			}
			for _, r := range a.RoleIDs {
				if err := role.exec(ctx, by.TenantID, id, r); err != nil {
					return fmt.Errorf("store: seed: %w", err)
				}
			}
			for _, g := range a.GroupIDs {
				if err := member.exec(ctx, id, sortName, by.TenantID, g); err != nil {
					return fmt.Errorf("store: seed: %w", err)
				}
			}
		}
		if err := terms.finish(ctx); err != nil {
			return err
		}
		for _, q := range restore {
			if _, err := tx.exec(ctx, q); err != nil {
				if isUnique(err) {
					return &Conflict{Field: uniqueField(err)}
				}
				return fmt.Errorf("store: seed: %w", err)
			}
		}
		if _, err := tx.exec(ctx, `UPDATE user_groups SET member_count = (SELECT COUNT(*) FROM group_members gm
			WHERE gm.group_id = user_groups.id) WHERE tenant_id = ?`, by.TenantID); err != nil {
			return fmt.Errorf("store: seed: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUsersSeed,
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

// ErrBackupPostgres: a PostgreSQL database is backed up with pg_dump.
var ErrBackupPostgres = errors.New("store: a PostgreSQL database is backed up with pg_dump, not console backup")

// Backup writes a consistent copy of a SQLite database to path (VACUUM INTO),
// safe while serving.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.pg {
		return ErrBackupPostgres
	}
	if _, err := s.w.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

func (tx *Tx) groupsWithRoles(ctx context.Context, tenantID int64) (map[int64]bool, error) {
	rows, err := tx.query(ctx, `SELECT DISTINCT group_id FROM group_roles WHERE tenant_id = ?`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: seed: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
