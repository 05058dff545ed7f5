package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SSOAttempt is a sign-in under way at a tenant's provider, kept on the
// server between the redirect there and the callback: the state (by its
// hash), the browser that started it (by the hash of its pre-session
// cookie), the nonce, the PKCE verifier and where to land afterwards.
type SSOAttempt struct {
	StateHash   string
	VisitorHash string
	TenantID    int64
	Nonce       string
	Verifier    string
	Next        string
	CreatedAt   time.Time
}

// SSOAttemptLifetime is how long a sign-in may stay at the provider.
const SSOAttemptLifetime = 10 * time.Minute

// StartSSO keeps an attempt, and forgets attempts too old to finish.
func (s *Store) StartSSO(ctx context.Context, a SSOAttempt) error {
	now := s.unix()
	if _, err := s.exec(ctx, `DELETE FROM sso_attempts WHERE created_at < ?`, now-int64(SSOAttemptLifetime/time.Second)); err != nil {
		return fmt.Errorf("store: start sso: %w", err)
	}
	if _, err := s.exec(ctx, `INSERT INTO sso_attempts (state_hash, visitor_hash, tenant_id, nonce, verifier, next, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.StateHash, a.VisitorHash, a.TenantID, a.Nonce, a.Verifier, a.Next, now); err != nil {
		return fmt.Errorf("store: start sso: %w", err)
	}
	return nil
}

// TakeSSO returns the attempt of a state and deletes it in the same
// statement: a state is good for one callback, so a replay finds nothing
// (ErrNotFound), as does an attempt past SSOAttemptLifetime.
func (s *Store) TakeSSO(ctx context.Context, stateHash string) (SSOAttempt, error) {
	var a SSOAttempt
	var created int64
	err := s.writeRow(ctx, `DELETE FROM sso_attempts WHERE state_hash = ?
		RETURNING visitor_hash, tenant_id, nonce, verifier, next, created_at`, stateHash).
		Scan(&a.VisitorHash, &a.TenantID, &a.Nonce, &a.Verifier, &a.Next, &created)
	if err != nil {
		return a, fmt.Errorf("store: take sso: %w", notFound(err))
	}
	a.StateHash, a.CreatedAt = stateHash, time.Unix(created, 0).UTC()
	if s.now().Sub(a.CreatedAt) > SSOAttemptLifetime {
		return a, fmt.Errorf("store: take sso: %w", ErrNotFound)
	}
	return a, nil
}

// SSOIdentity is what a verified ID token says about a person: the
// identity (issuer, subject), and the value of the connection's naming claim
// when the provider vouches for it ("" otherwise).
type SSOIdentity struct {
	Issuer, Subject string
	Email           string
	FirstName       string
	LastName        string
}

// SSORefused is why an identity signs nobody in; Reason is stored in the
// audit event and picks the page the person sees.
type SSORefused struct{ Reason string }

func (e SSORefused) Error() string { return "store: sso sign-in refused: " + e.Reason }

// The reasons an SSO sign-in is refused.
const (
	SSONoAccount       = "no_account"       // no account has this identity or address, and none is made
	SSOPasswordAccount = "password_account" // the address is a password account's: never signed in through SSO
	SSOServiceAccount  = "service_account"
	SSOBoundElsewhere  = "bound_elsewhere" // the account of this address is bound to another identity
	SSOPending         = "pending"
	SSODeactivated     = "deactivated"
	SSOEmailTaken      = "email_taken" // a new account's address is taken lower in the tree
)

// SSOSignIn finds, in one transaction, the account of tenantID an identity
// signs in: the one bound to (issuer, subject); else the SSO account whose
// email is id.Email, which is bound to it now; else, when create is given,
// a new active SSO account bound to it, with the tenant's default roles.
// Only an active SSO person of the tenant signs in (SSORefused otherwise).
func (s *Store) SSOSignIn(ctx context.Context, tenantID int64, id SSOIdentity, create *NewAccount, ip string) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.serialize(ctx, tenantID); err != nil {
			return err
		}
		err := scanAccount(tx.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a
			WHERE a.tenant_id = ? AND a.sso_issuer = ? AND a.sso_subject = ?`, tenantID, id.Issuer, id.Subject), &a)
		if err == nil {
			return usable(tx.s.standing(a))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: sso sign-in: %w", err)
		}
		if id.Email == "" {
			return SSORefused{SSONoAccount}
		}
		err = scanAccount(tx.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.tenant_id = ? AND a.email = ?`,
			tenantID, id.Email), &a)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if create == nil {
				return SSORefused{SSONoAccount}
			}
			return tx.createSSO(ctx, tenantID, id, *create, ip, &a)
		case err != nil:
			return fmt.Errorf("store: sso sign-in: %w", err)
		case a.SSOSubject != "":
			return SSORefused{SSOBoundElsewhere}
		}
		if err := usable(tx.s.standing(a)); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE accounts SET sso_issuer = ?, sso_subject = ?, updated_at = ?
			WHERE tenant_id = ? AND id = ? AND sso_subject IS NULL`, id.Issuer, id.Subject, tx.s.unix(), tenantID, a.ID)
		if err != nil {
			return fmt.Errorf("store: sso link: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 { // another identity bound it meanwhile
			return SSORefused{SSOBoundElsewhere}
		}
		a.SSOIssuer, a.SSOSubject = id.Issuer, id.Subject
		return tx.audit(ctx, Event{TenantID: tenantID, ActorID: a.ID, IP: ip, Action: ActionUserSSOLink, TargetType: "account",
			TargetID: a.ID, Details: map[string]any{"after": map[string]any{"sso_issuer": id.Issuer, "sso_subject": id.Subject}}})
	})
	return a, err
}

// usable refuses an account that may not sign in through SSO.
func usable(a Account) error {
	switch {
	case a.Kind != "user":
		return SSORefused{SSOServiceAccount}
	case a.AuthMethod != "sso":
		return SSORefused{SSOPasswordAccount}
	case a.Status == "pending":
		return SSORefused{SSOPending}
	case a.Status != "active":
		return SSORefused{SSODeactivated}
	}
	return nil
}

// createSSO makes the account of a first sign-in: n gives login and
// profile; it is active, bound to id and holds the tenant's default roles.
func (tx *Tx) createSSO(ctx context.Context, tenantID int64, id SSOIdentity, n NewAccount, ip string, a *Account) error {
	roles, err := tx.defaultRoles(ctx, tenantID)
	if err != nil {
		return err
	}
	n.Email, n.Kind, n.Status, n.AuthMethod, n.PasswordHash, n.Origin = id.Email, "user", "active", "sso", "", "sso"
	n.RoleIDs, n.GroupIDs, n.Link = roles, nil, nil
	login := n.Login
	for i := 2; ; i++ {
		if *a, err = tx.createAccount(ctx, tenantID, n); err == nil {
			break
		}
		var c *Conflict
		if !errors.As(err, &c) {
			return err
		}
		if c.Field != "login" || i > 5 {
			return SSORefused{SSOEmailTaken}
		}
		n.Login = fmt.Sprintf("%s-%d", login, i)
	}
	if _, err := tx.exec(ctx, `UPDATE accounts SET sso_issuer = ?, sso_subject = ? WHERE tenant_id = ? AND id = ?`,
		id.Issuer, id.Subject, tenantID, a.ID); err != nil {
		return fmt.Errorf("store: sso create: %w", err)
	}
	if err := tx.syncHasRoleOf(ctx, tenantID, []int64{a.ID}); err != nil {
		return err
	}
	a.SSOIssuer, a.SSOSubject = id.Issuer, id.Subject
	after := profileMap(*a, roles)
	after["sso_issuer"], after["sso_subject"] = id.Issuer, id.Subject
	return tx.audit(ctx, Event{TenantID: tenantID, ActorID: a.ID, IP: ip, Action: ActionUserSSOJoin, TargetType: "account",
		TargetID: a.ID, Details: map[string]any{"after": after}})
}

// UnlinkSSO forgets the identity an SSO account is bound to and ends the
// account's sessions: its next sign-in binds again, by its address. The actor's guard judges it like any
// change to the account.
func (s *Store) UnlinkSSO(ctx context.Context, by Actor, id int64) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(id), func() error {
			before, err := tx.account(ctx, by.TenantID, id)
			if err != nil {
				return err
			}
			if before.SSOSubject == "" {
				a = before
				return nil
			}
			if _, err := tx.exec(ctx, `UPDATE accounts SET sso_issuer = NULL, sso_subject = NULL, updated_at = ?
				WHERE tenant_id = ? AND id = ?`, tx.s.unix(), by.TenantID, id); err != nil {
				return fmt.Errorf("store: sso unlink: %w", err)
			}
			// Whoever signed in as that identity is signed out with it.
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE account_id = ?`, id); err != nil {
				return fmt.Errorf("store: sso unlink: %w", err)
			}
			if a, err = tx.account(ctx, by.TenantID, id); err != nil {
				return err
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserSSOUnlink,
				TargetType: "account", TargetID: id, Details: map[string]any{
					"before": map[string]any{"sso_issuer": before.SSOIssuer, "sso_subject": before.SSOSubject}}})
		})
	})
	return a, err
}
