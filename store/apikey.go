package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// APIKey is a key as lists show it; the secret is never kept, only its hash.
type APIKey struct {
	ID         int64
	TenantID   int64
	AccountID  int64
	PublicID   string
	Name       string
	CreatedAt  time.Time
	ExpiresAt  time.Time // zero: never
	LastUsedAt time.Time // zero: never
	RevokedAt  time.Time // zero: not revoked
	// Ceiling bounds what the key may do: the permissions its creator held
	// when they made it for someone else's account. nil: no ceiling.
	Ceiling []string
}

// ErrTooManyKeys means the account already holds its cap of active keys.
var ErrTooManyKeys = errors.New("store: too many active api keys")

// KeyStatus is "revoked", "expired" or "active" at now.
func (k APIKey) KeyStatus(now time.Time) string {
	switch {
	case !k.RevokedAt.IsZero():
		return "revoked"
	case !k.ExpiresAt.IsZero() && !now.Before(k.ExpiresAt):
		return "expired"
	}
	return "active"
}

// NewAPIKey is what CreateAPIKey stores: the public id and the secret's hash.
type NewAPIKey struct {
	AccountID  int64
	PublicID   string
	SecretHash string
	Name       string
	ExpiresAt  time.Time // zero: never
	// Ceiling is stored with the key (see APIKey.Ceiling); nil: none.
	Ceiling []string
	// MaxActive caps the account's active (not revoked, not expired) keys,
	// checked in the transaction that adds this one; 0: no cap.
	MaxActive int
}

const apiKeyColumns = `k.id, k.tenant_id, k.account_id, k.public_id, k.name, k.created_at, k.expires_at, k.last_used_at, k.revoked_at, k.ceiling`

func scanAPIKey(r scanner, k *APIKey, extra ...any) error {
	var created, expires, used, revoked int64
	var ceiling sql.NullString
	dest := []any{&k.ID, &k.TenantID, &k.AccountID, &k.PublicID, &k.Name, &created, &expires, &used, &revoked, &ceiling}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	k.CreatedAt = time.Unix(created, 0).UTC()
	k.ExpiresAt, k.LastUsedAt, k.RevokedAt = unixOrZero(expires), unixOrZero(used), unixOrZero(revoked)
	k.Ceiling = ceilingOf(ceiling)
	return nil
}

// ceilingOf reads the ceiling column: NULL is none (nil), "" a ceiling of nothing.
func ceilingOf(v sql.NullString) []string {
	if !v.Valid {
		return nil
	}
	return append([]string{}, strings.Fields(v.String)...)
}

// ceilingValue is how a ceiling is stored: sorted, space-separated; NULL for none.
func ceilingValue(perms []string) any {
	if perms == nil {
		return nil
	}
	sorted := slices.Clone(perms)
	slices.Sort(sorted)
	return strings.Join(slices.Compact(sorted), " ")
}

func unixOrZero(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(v, 0).UTC()
}

func zeroOrUnix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// CreateAPIKey adds a key to an account of the tenant, with its audit event.
func (s *Store) CreateAPIKey(ctx context.Context, by Actor, n NewAPIKey) (APIKey, error) {
	var k APIKey
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(n.AccountID), func() error {
			// A key acts in the tenant it is made in: its account is of it,
			// at home or as a member.
			if _, err := tx.accountIn(ctx, by.TenantID, n.AccountID); err != nil {
				return err
			}
			if n.MaxActive > 0 {
				// Counted in the writing transaction, so racing requests cannot both pass.
				var active int
				if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM api_keys WHERE tenant_id = ? AND account_id = ?
					AND revoked_at = 0 AND (expires_at = 0 OR expires_at > ?)`, by.TenantID, n.AccountID, tx.s.unix()).Scan(&active); err != nil {
					return fmt.Errorf("store: count api keys: %w", err)
				}
				if active >= n.MaxActive {
					return ErrTooManyKeys
				}
			}
			id, err := tx.insert(ctx, `INSERT INTO api_keys (tenant_id, account_id, public_id, secret_hash, name, created_by, created_at, expires_at, ceiling)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, by.TenantID, n.AccountID, n.PublicID, n.SecretHash, n.Name,
				nullID(by.AccountID), tx.s.unix(), zeroOrUnix(n.ExpiresAt), ceilingValue(n.Ceiling))
			if err != nil {
				return fmt.Errorf("store: create api key: %w", err)
			}
			if k, err = tx.apiKey(ctx, by.TenantID, n.AccountID, id); err != nil {
				return err
			}
			details := map[string]any{"name": k.Name, "prefix": k.PublicID, "account_id": k.AccountID, "expires_at": nil}
			if !k.ExpiresAt.IsZero() {
				details["expires_at"] = k.ExpiresAt.Format(time.RFC3339)
			}
			if k.Ceiling != nil {
				details["ceiling"] = k.Ceiling
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAPIKeyCreate,
				TargetType: "api_key", TargetID: id, Details: details})
		})
	})
	return k, err
}

const apiKeyByID = `SELECT ` + apiKeyColumns + ` FROM api_keys k WHERE k.tenant_id = ? AND k.account_id = ? AND k.id = ?`

func (tx *Tx) apiKey(ctx context.Context, tenantID, accountID, id int64) (APIKey, error) {
	var k APIKey
	if err := scanAPIKey(tx.queryRow(ctx, apiKeyByID, tenantID, accountID, id), &k); err != nil {
		return k, fmt.Errorf("store: api key: %w", notFound(err))
	}
	return k, nil
}

// APIKeys lists an account's keys, newest first; another tenant's account has none.
func (s *Store) APIKeys(ctx context.Context, tenantID, accountID int64) ([]APIKey, error) {
	rows, err := s.query(ctx, `SELECT `+apiKeyColumns+` FROM api_keys k WHERE k.tenant_id = ? AND k.account_id = ?
		ORDER BY k.id DESC`, tenantID, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: api keys: %w", err)
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		var k APIKey
		if err := scanAPIKey(rows, &k); err != nil {
			return nil, fmt.Errorf("store: api keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RevokeAPIKey stops a key at once; revoking a revoked key changes nothing.
func (s *Store) RevokeAPIKey(ctx context.Context, by Actor, accountID, id int64) (APIKey, error) {
	var k APIKey
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			var err error
			if k, err = tx.apiKey(ctx, by.TenantID, accountID, id); err != nil || !k.RevokedAt.IsZero() {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ?`,
				tx.s.unix(), by.TenantID, id); err != nil {
				return fmt.Errorf("store: revoke api key: %w", err)
			}
			if k, err = tx.apiKey(ctx, by.TenantID, accountID, id); err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionAPIKeyRevoke,
				TargetType: "api_key", TargetID: id, Details: map[string]any{"name": k.Name, "prefix": k.PublicID, "account_id": accountID}})
		})
	})
	return k, err
}

// KeyHolder is what authenticating a key needs: the key, its secret's hash,
// its account and the permissions of every role the account holds.
type KeyHolder struct {
	Key         APIKey
	SecretHash  string
	Account     Account
	Permissions []string // in the key's tenant, with every module of it for an Admin at home, as RolePermissions
	// TenantActive: neither the key's tenant nor its account's home tenant
	// is blocked (deactivated, or below a deactivated tenant).
	TenantActive bool
}

// KeyAuth finds a key by its public id with its account and the account's
// role permissions, in one query: the API runs it on every request.
func (s *Store) KeyAuth(ctx context.Context, publicID string) (KeyHolder, error) {
	var h KeyHolder
	var created, expires, used, revoked int64
	var perms string
	var ceiling sql.NullString
	row := s.queryRow(ctx, `SELECT `+accountColumns+`, k.id, k.tenant_id, k.public_id, k.name, k.secret_hash, k.created_at, k.expires_at,
		k.last_used_at, k.revoked_at, k.ceiling, COALESCE((SELECT string_agg(x, ' ') FROM (
			SELECT rp.permission AS x FROM role_permissions rp WHERE rp.role_id IN (`+heldRoleIDs("a.id", "k.tenant_id", s.unix())+`)
			UNION SELECT 'module:' || m.key FROM modules m WHERE a.user_type = 'admin' AND a.tenant_id = k.tenant_id
				AND m.tenant_id = a.tenant_id) p), ''),
			(SELECT blocked FROM tenants WHERE id = k.tenant_id) = 0 AND (SELECT blocked FROM tenants WHERE id = a.tenant_id) = 0
		FROM api_keys k JOIN accounts a ON a.id = k.account_id AND (a.tenant_id = k.tenant_id
			OR EXISTS (SELECT 1 FROM tenant_members tm WHERE tm.tenant_id = k.tenant_id AND tm.account_id = a.id))
		WHERE k.public_id = ?`, publicID)
	k := &h.Key
	if err := scanAccount(row, &h.Account, &k.ID, &k.TenantID, &k.PublicID, &k.Name, &h.SecretHash, &created, &expires, &used, &revoked, &ceiling, &perms, &h.TenantActive); err != nil {
		return h, fmt.Errorf("store: key auth: %w", notFound(err))
	}
	k.AccountID, k.CreatedAt = h.Account.ID, time.Unix(created, 0).UTC()
	k.ExpiresAt, k.LastUsedAt, k.RevokedAt = unixOrZero(expires), unixOrZero(used), unixOrZero(revoked)
	k.Ceiling = ceilingOf(ceiling)
	h.Permissions = strings.Fields(perms)
	h.Account = s.standing(h.Account)
	return h, nil
}

// TouchAPIKey records a key's use at most once a minute: callers skip it
// within the minute, and the WHERE clause keeps racing requests to one write.
func (s *Store) TouchAPIKey(ctx context.Context, id int64, at time.Time) error {
	if _, err := s.exec(ctx, `UPDATE api_keys SET last_used_at = ? WHERE id = ? AND last_used_at <= ?`,
		at.Unix(), id, at.Unix()-60); err != nil {
		return fmt.Errorf("store: touch api key: %w", err)
	}
	return nil
}
