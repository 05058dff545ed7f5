package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrBadLink is an unknown, used, expired or superseded one-time link; the
// caller says the same thing for each, so a link reveals nothing.
var ErrBadLink = errors.New("store: link invalid or expired")

// Link is a one-time token about to be issued and the email that carries it.
type Link struct {
	Purpose   string // invite, reset, verify, contact
	Hash      string // SHA-256 of the token, hex
	Data      string // what the link confirms (the contact address)
	CreatedBy int64
	ExpiresAt time.Time
	Mail      Mail
}

// Token is an issued one-time link.
type Token struct {
	ID        int64
	TenantID  int64
	AccountID int64
	Purpose   string
	Data      string
	CreatedBy int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// sendLink issues a link for an account and queues its email. Issuing a link
// ends every open link of the same purpose: a resent invitation makes the
// previous one stop working.
func (tx *Tx) sendLink(ctx context.Context, tenantID, accountID int64, l Link) error {
	if _, err := tx.exec(ctx, `UPDATE tokens SET used_at = ? WHERE account_id = ? AND purpose = ? AND used_at = 0`,
		tx.s.unix(), accountID, l.Purpose); err != nil {
		return fmt.Errorf("store: issue link: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO tokens (tenant_id, account_id, purpose, hash, data, created_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tenantID, accountID, l.Purpose, l.Hash, l.Data, nullID(l.CreatedBy),
		tx.s.unix(), l.ExpiresAt.Unix()); err != nil {
		return fmt.Errorf("store: issue link: %w", err)
	}
	l.Mail.TenantID = tenantID
	return tx.enqueue(ctx, l.Mail)
}

// SendLink issues a link for an existing account of the tenant and queues its
// email, with an audit event, in one transaction.
func (s *Store) SendLink(ctx context.Context, by Actor, accountID int64, l Link, action Action) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			if _, err := tx.account(ctx, by.TenantID, accountID); err != nil {
				return err
			}
			if err := tx.sendLink(ctx, by.TenantID, accountID, l); err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
				TargetType: "account", TargetID: accountID, Details: map[string]any{"expires_at": l.ExpiresAt.UTC().Format(time.RFC3339)}})
		})
	})
}

const tokenColumns = `k.id, k.tenant_id, k.account_id, k.purpose, k.data, COALESCE(k.created_by, 0), k.created_at, k.expires_at`

// OpenLink finds an unused, unexpired link of this purpose and its account.
func (s *Store) OpenLink(ctx context.Context, hash, purpose string) (Token, Account, error) {
	var k Token
	var a Account
	var created, expires int64
	err := scanAccount(s.queryRow(ctx, `SELECT `+accountColumns+`, `+tokenColumns+` FROM tokens k
		JOIN accounts a ON a.id = k.account_id AND a.tenant_id = k.tenant_id
		WHERE k.hash = ? AND k.purpose = ? AND k.used_at = 0 AND k.expires_at > ?`, hash, purpose, s.unix()),
		&a, &k.ID, &k.TenantID, &k.AccountID, &k.Purpose, &k.Data, &k.CreatedBy, &created, &expires)
	if err != nil {
		if errors.Is(notFound(err), ErrNotFound) {
			return k, a, ErrBadLink
		}
		return k, a, fmt.Errorf("store: open link: %w", err)
	}
	k.CreatedAt, k.ExpiresAt = time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC()
	return k, a, nil
}

// useLink marks a link used; a link used or expired meanwhile is ErrBadLink,
// so two tabs racing on one link get one success.
func (tx *Tx) useLink(ctx context.Context, hash, purpose string) (Token, Account, error) {
	now := tx.s.unix()
	var k Token
	err := tx.queryRow(ctx, `UPDATE tokens SET used_at = ? WHERE hash = ? AND purpose = ? AND used_at = 0 AND expires_at > ?
		RETURNING id, tenant_id, account_id, data`, now, hash, purpose, now).Scan(&k.ID, &k.TenantID, &k.AccountID, &k.Data)
	if err != nil {
		if errors.Is(notFound(err), ErrNotFound) {
			return k, Account{}, ErrBadLink
		}
		return k, Account{}, fmt.Errorf("store: use link: %w", err)
	}
	if err := tx.serialize(ctx, k.TenantID); err != nil { // what the link does next checks the tenant's rules
		return k, Account{}, err
	}
	a, err := tx.account(ctx, k.TenantID, k.AccountID)
	return k, a, err
}

// Invitation is a pending password account an administrator made: invited,
// created without a password, or provisioned without a link. (A
// self-registration waiting for its confirmation is the registrant's to
// confirm, not an administrator's to send links to.)
type Invitation struct {
	Account   Account
	InvitedBy string    // the sender's name; "" when unknown, deleted or no link is open
	SentAt    time.Time // when its open link was sent; zero when it has none
	ExpiresAt time.Time // zero when it has no open link
}

// Invitations lists the tenant's pending people, newest first, at most
// limit, each with its newest open invitation or activation link if any: a
// person whose link was ended (their email changed) or who never had one
// (created pending through the API or SCIM) is listed too, to be sent one.
func (s *Store) Invitations(ctx context.Context, tenantID int64, limit int) ([]Invitation, error) {
	rows, err := s.query(ctx, `SELECT `+accountColumns+`, COALESCE(b.first_name || ' ' || b.last_name, ''),
		COALESCE(k.created_at, 0), COALESCE(k.expires_at, 0)
		FROM accounts a
		LEFT JOIN tokens k ON k.id = (SELECT MAX(t.id) FROM tokens t
			WHERE t.account_id = a.id AND t.purpose = 'invite' AND t.used_at = 0)
		LEFT JOIN accounts b ON b.id = k.created_by AND b.tenant_id = k.tenant_id
		WHERE a.tenant_id = ? AND a.status = 'pending' AND a.kind = 'user' AND a.auth_method = 'password'
			AND a.origin <> 'registration'
		ORDER BY a.created_at DESC, a.id DESC LIMIT ?`, tenantID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: invitations: %w", err)
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		var v Invitation
		var sent, expires int64
		if err := scanAccount(rows, &v.Account, &v.InvitedBy, &sent, &expires); err != nil {
			return nil, fmt.Errorf("store: invitations: %w", err)
		}
		if sent > 0 {
			v.SentAt, v.ExpiresAt = time.Unix(sent, 0).UTC(), time.Unix(expires, 0).UTC()
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// endLinks makes an account's open links of these purposes (all when none is
// named) stop working: its email changed, it was deactivated, or its password
// changed, so a link mailed before must not outlive that.
func (tx *Tx) endLinks(ctx context.Context, accountID int64, purposes ...string) error {
	q, args := `UPDATE tokens SET used_at = ? WHERE account_id = ? AND used_at = 0`, []any{tx.s.unix(), accountID}
	if len(purposes) > 0 {
		q += ` AND purpose IN (` + placeholders(len(purposes)) + `)`
		for _, p := range purposes {
			args = append(args, p)
		}
	}
	if _, err := tx.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("store: end links: %w", err)
	}
	return nil
}
