package store

import (
	"context"
	"fmt"
	"time"
)

// SCIMToken is a tenant's bearer token for its identity provider, as lists
// show it; only the SHA-256 of its secret is kept.
type SCIMToken struct {
	ID         int64
	TenantID   int64
	PublicID   string
	Name       string
	CreatedBy  int64 // 0: made on the command line
	CreatedAt  time.Time
	LastUsedAt time.Time // zero: never
	RevokedAt  time.Time // zero: not revoked
}

// NewSCIMToken is what CreateSCIMToken stores.
type NewSCIMToken struct {
	PublicID, SecretHash, Name string
}

const scimTokenColumns = `t.id, t.tenant_id, t.public_id, t.name, COALESCE(t.created_by, 0), t.created_at, t.last_used_at, t.revoked_at`

func scanSCIMToken(r scanner, t *SCIMToken, extra ...any) error {
	var created, used, revoked int64
	if err := r.Scan(append([]any{&t.ID, &t.TenantID, &t.PublicID, &t.Name, &t.CreatedBy, &created, &used, &revoked}, extra...)...); err != nil {
		return err
	}
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = time.Unix(created, 0).UTC(), unixOrZero(used), unixOrZero(revoked)
	return nil
}

// CreateSCIMToken adds a token to by's tenant, with its audit event.
func (s *Store) CreateSCIMToken(ctx context.Context, by Actor, n NewSCIMToken) (SCIMToken, error) {
	var t SCIMToken
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO scim_tokens (tenant_id, public_id, secret_hash, name, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, by.TenantID, n.PublicID, n.SecretHash, n.Name, nullID(by.AccountID), tx.s.unix())
		if err != nil {
			return fmt.Errorf("store: create scim token: %w", err)
		}
		if t, err = tx.scimToken(ctx, by.TenantID, id); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionSCIMTokenCreate,
			TargetType: "scim_token", TargetID: id, Details: map[string]any{"name": t.Name, "prefix": t.PublicID}})
	})
	return t, err
}

func (tx *Tx) scimToken(ctx context.Context, tenantID, id int64) (SCIMToken, error) {
	var t SCIMToken
	err := scanSCIMToken(tx.queryRow(ctx, `SELECT `+scimTokenColumns+` FROM scim_tokens t WHERE t.tenant_id = ? AND t.id = ?`, tenantID, id), &t)
	if err != nil {
		return t, fmt.Errorf("store: scim token: %w", notFound(err))
	}
	return t, nil
}

// SCIMTokens lists a tenant's tokens, newest first.
func (s *Store) SCIMTokens(ctx context.Context, tenantID int64) ([]SCIMToken, error) {
	rows, err := s.query(ctx, `SELECT `+scimTokenColumns+` FROM scim_tokens t WHERE t.tenant_id = ? ORDER BY t.id DESC`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: scim tokens: %w", err)
	}
	defer rows.Close()
	var out []SCIMToken
	for rows.Next() {
		var t SCIMToken
		if err := scanSCIMToken(rows, &t); err != nil {
			return nil, fmt.Errorf("store: scim tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeSCIMToken stops a token at once; revoking a revoked one changes nothing.
func (s *Store) RevokeSCIMToken(ctx context.Context, by Actor, id int64) (SCIMToken, error) {
	var t SCIMToken
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var err error
		if t, err = tx.scimToken(ctx, by.TenantID, id); err != nil || !t.RevokedAt.IsZero() {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE scim_tokens SET revoked_at = ? WHERE tenant_id = ? AND id = ?`, tx.s.unix(), by.TenantID, id); err != nil {
			return fmt.Errorf("store: revoke scim token: %w", err)
		}
		if t, err = tx.scimToken(ctx, by.TenantID, id); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionSCIMTokenRevoke,
			TargetType: "scim_token", TargetID: id, Details: map[string]any{"name": t.Name, "prefix": t.PublicID}})
	})
	return t, err
}

// SCIMTokenHolder is what authenticating a SCIM request needs.
type SCIMTokenHolder struct {
	Token      SCIMToken
	SecretHash string
	// Live: the token is not revoked, its tenant is in external mode and
	// not blocked (deactivated, or below a deactivated tenant).
	Live bool
}

// SCIMTokenAuth finds a token by its public id, in one query.
func (s *Store) SCIMTokenAuth(ctx context.Context, publicID string) (SCIMTokenHolder, error) {
	var h SCIMTokenHolder
	err := scanSCIMToken(s.queryRow(ctx, `SELECT `+scimTokenColumns+`, t.secret_hash,
		t.revoked_at = 0 AND EXISTS (SELECT 1 FROM tenants x WHERE x.id = t.tenant_id AND x.provisioning = 'external' AND x.blocked = 0)
		FROM scim_tokens t WHERE t.public_id = ?`, publicID), &h.Token, &h.SecretHash, &h.Live)
	if err != nil {
		return h, fmt.Errorf("store: scim token auth: %w", notFound(err))
	}
	return h, nil
}

// TouchSCIMToken records a token's use at most once a minute.
func (s *Store) TouchSCIMToken(ctx context.Context, id int64, at time.Time) error {
	if _, err := s.exec(ctx, `UPDATE scim_tokens SET last_used_at = ? WHERE id = ? AND last_used_at <= ?`,
		at.Unix(), id, at.Unix()-60); err != nil {
		return fmt.Errorf("store: touch scim token: %w", err)
	}
	return nil
}

// ProviderLive reads, in a write transaction, whether the provider may still
// act in the tenant through the token: the token live, the tenant external.
func (v View) ProviderLive(ctx context.Context, tenantID, tokenID int64) (bool, error) {
	var ok bool
	err := v.tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM scim_tokens t JOIN tenants x ON x.id = t.tenant_id
		WHERE t.id = ? AND t.tenant_id = ? AND t.revoked_at = 0 AND x.provisioning = 'external' AND x.blocked = 0)`,
		tokenID, tenantID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: provider live: %w", err)
	}
	return ok, nil
}
