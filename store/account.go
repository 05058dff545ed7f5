package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrUnknownRole means a role id is not one of the tenant's roles.
var ErrUnknownRole = errors.New("store: unknown role")

// Account is a principal: a person (kind user) or an application (kind service).
type Account struct {
	ID                 int64
	TenantID           int64
	Kind               string
	Login              string
	FirstName          string
	LastName           string
	Email              string
	Language           string
	TimeZone           string
	Currency           string
	Status             string
	AuthMethod         string
	PasswordHash       string
	MustChangePassword bool
	UserType           string
	ContactEmail       string // "" when none; notifications go there only once verified
	ContactVerified    bool
	Origin             string    // console, invitation or registration
	LastActiveAt       time.Time // zero: never active
	LastSignInAt       time.Time // zero: never signed in
	CreatedAt          time.Time
	UpdatedAt          time.Time
	// SSOIssuer and SSOSubject are the identity an SSO account was bound to
	// at its first sign-in through its tenant's connection; "" until then.
	SSOIssuer, SSOSubject string
	// ExternalID is the identity provider's id of a person it provisions
	// (SCIM externalId, case-exact); SCIMManaged is set once the provider
	// created or claimed the account (see the lock in scim_lock.go).
	ExternalID  string
	SCIMManaged bool
	// ExpiresAt ends the account: from then on it stands as deactivated
	// (no sign-in, no session, no key); zero: never.
	ExpiresAt time.Time
}

// Expired says whether the account has expired at now.
func (a Account) Expired(now time.Time) bool {
	return !a.ExpiresAt.IsZero() && !now.Before(a.ExpiresAt)
}

// Name is the display name, "First Last".
func (a Account) Name() string { return strings.TrimSpace(a.FirstName + " " + a.LastName) }

// Profile is the editable part of an account.
type Profile struct {
	FirstName string
	LastName  string
	Email     string
	Language  string
	TimeZone  string
	Currency  string
	UserType  string
}

// NewAccount is what CreateAccount needs; login and auth method never change afterwards.
type NewAccount struct {
	Profile
	Kind         string
	Login        string
	Status       string
	AuthMethod   string
	PasswordHash string
	RoleIDs      []int64
	Origin       string  // "" is console
	GroupIDs     []int64 // groups joined at creation (invitations)
	Link         *Link   // a one-time link mailed with the creation (invitation, activation)
	// SCIM: the identity provider creates the person, with its ExternalID;
	// only it may create people in a tenant in external provisioning mode.
	SCIM       bool
	ExternalID string
	ExpiresAt  time.Time // when the account ends (zero: never), as SetAccountExpiry sets it
}

const accountColumns = `a.id, a.tenant_id, a.kind, a.login, a.first_name, a.last_name, COALESCE(a.email, ''),
	a.language, a.time_zone, a.currency, a.status, a.auth_method, COALESCE(a.password_hash, ''),
	a.must_change_password, a.user_type, a.contact_email, a.contact_verified_at > 0, a.origin,
	a.last_active_at, a.created_at, a.updated_at, COALESCE(a.sso_issuer, ''), COALESCE(a.sso_subject, ''),
	COALESCE(a.external_id, ''), a.scim_managed, COALESCE(a.last_signin_at, 0), a.expires_at`

type scanner interface{ Scan(...any) error }

func scanAccount(r scanner, a *Account, extra ...any) error {
	var last, created, updated, signin, expires int64
	dest := []any{&a.ID, &a.TenantID, &a.Kind, &a.Login, &a.FirstName, &a.LastName, &a.Email,
		&a.Language, &a.TimeZone, &a.Currency, &a.Status, &a.AuthMethod, &a.PasswordHash,
		&a.MustChangePassword, &a.UserType, &a.ContactEmail, &a.ContactVerified, &a.Origin, &last, &created, &updated,
		&a.SSOIssuer, &a.SSOSubject, &a.ExternalID, &a.SCIMManaged, &signin, &expires}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	if last > 0 {
		a.LastActiveAt = time.Unix(last, 0).UTC()
	}
	a.CreatedAt = time.Unix(created, 0).UTC()
	a.UpdatedAt = time.Unix(updated, 0).UTC()
	if signin > 0 {
		a.LastSignInAt = time.Unix(signin, 0).UTC()
	}
	a.ExpiresAt = unixOrZero(expires)
	return nil
}

// SortName is the key the users table sorts names by: folded "last first".
func SortName(first, last string) string { return Fold(last + " " + first) }

// CreateAccount creates an account with its roles and audit event in one transaction.
func (s *Store) CreateAccount(ctx context.Context, by Actor, n NewAccount) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		var err error
		a, err = tx.newAccount(ctx, by, n)
		return err
	})
	return a, err
}

// newAccount creates the account in by's tenant, judged by by's guard, with its audit event.
func (tx *Tx) newAccount(ctx context.Context, by Actor, n NewAccount) (Account, error) {
	if err := tx.serialize(ctx, by.TenantID); err != nil {
		return Account{}, err
	}
	if by.Guard != nil { // the command line and seeding may add a break-glass Admin
		if err := tx.peopleFromProvider(ctx, by, n.Kind); err != nil {
			return Account{}, err
		}
	}
	a, err := tx.createAccount(ctx, by.TenantID, n)
	if err != nil {
		return a, err
	}
	if err := tx.judgeNew(ctx, by, a.ID); err != nil {
		return a, err
	}
	action, after := ActionUserCreate, profileMap(a, n.RoleIDs)
	if n.Origin == "invitation" {
		action = ActionUserInvite
	}
	if len(n.GroupIDs) > 0 {
		after["group_ids"] = n.GroupIDs
	}
	if !n.ExpiresAt.IsZero() {
		after["expires_at"] = expiryDetail(n.ExpiresAt.Unix())
	}
	return a, tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
		TargetType: "account", TargetID: a.ID, Details: map[string]any{"after": after}})
}

func (tx *Tx) createAccount(ctx context.Context, tenantID int64, n NewAccount) (Account, error) {
	if err := tx.serialize(ctx, tenantID); err != nil { // an email unique across the tree, the provider's lock
		return Account{}, err
	}
	now := tx.s.unix()
	var root int64
	if err := tx.queryRow(ctx, `SELECT root_id FROM tenants WHERE id = ?`, tenantID).Scan(&root); err != nil {
		return Account{}, fmt.Errorf("store: create account: %w", notFound(err))
	}
	if n.Kind == "" {
		n.Kind = "user"
	}
	if n.Origin == "" {
		n.Origin = "console"
	}
	var external sql.NullString
	if n.ExternalID != "" {
		external = sql.NullString{String: n.ExternalID, Valid: true}
	}
	var email, hash sql.NullString
	if n.Email != "" {
		email = sql.NullString{String: strings.ToLower(n.Email), Valid: true}
	}
	if n.PasswordHash != "" {
		hash = sql.NullString{String: n.PasswordHash, Valid: true}
	}
	id, err := tx.insert(ctx, `INSERT INTO accounts (tenant_id, root_id, kind, login, first_name, last_name, sort_name, email,
		language, time_zone, currency, status, auth_method, password_hash, user_type, origin, created_at, updated_at,
		external_id, scim_managed, login_key, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tenantID, root, n.Kind, n.Login, n.FirstName, n.LastName, SortName(n.FirstName, n.LastName), email,
		n.Language, n.TimeZone, n.Currency, n.Status, n.AuthMethod, hash, n.UserType, n.Origin, now, now,
		external, n.SCIM, LoginKey(n.Login), expiryValue(n.ExpiresAt))
	if err != nil {
		if isUnique(err) {
			return Account{}, &Conflict{Field: uniqueField(err)}
		}
		return Account{}, fmt.Errorf("store: create account: %w", err)
	}
	if err := tx.setRoles(ctx, tenantID, id, n.RoleIDs); err != nil {
		return Account{}, err
	}
	if err := tx.writeTerms(ctx, tenantID, id); err != nil {
		return Account{}, err
	}
	if err := tx.joinGroups(ctx, tenantID, id, n.GroupIDs); err != nil {
		return Account{}, err
	}
	if n.Link != nil {
		if err := tx.sendLink(ctx, tenantID, id, *n.Link); err != nil {
			return Account{}, err
		}
	}
	return tx.account(ctx, tenantID, id)
}

const accountByID = `SELECT ` + accountColumns + ` FROM accounts a WHERE a.tenant_id = ? AND a.id = ?`

// Account returns one account of the tenant; another tenant's id is ErrNotFound.
func (s *Store) Account(ctx context.Context, tenantID, id int64) (Account, error) {
	return oneAccount(s.queryRow(ctx, accountByID, tenantID, id))
}

func (tx *Tx) account(ctx context.Context, tenantID, id int64) (Account, error) {
	return oneAccount(tx.queryRow(ctx, accountByID, tenantID, id))
}

func oneAccount(row scanner) (Account, error) {
	var a Account
	if err := scanAccount(row, &a); err != nil {
		return a, fmt.Errorf("store: account: %w", notFound(err))
	}
	return a, nil
}

// signInSQL reads through accounts_signin (email, id) WHERE kind = 'user'.
const signInSQL = `SELECT ` + accountColumns + ` FROM accounts a
		WHERE a.email = ? AND a.kind = 'user' ORDER BY a.id LIMIT 5`

// SignInCandidates returns the user accounts with this email, in any tenant
// tree (an email is unique within one tree only).
func (s *Store) SignInCandidates(ctx context.Context, email string) ([]Account, error) {
	rows, err := s.query(ctx, signInSQL, strings.ToLower(email))
	if err != nil {
		return nil, fmt.Errorf("store: sign-in candidates: %w", err)
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		var a Account
		if err := scanAccount(rows, &a); err != nil {
			return nil, fmt.Errorf("store: sign-in candidates: %w", err)
		}
		out = append(out, s.standing(a))
	}
	return out, rows.Err()
}

func profileMap(a Account, roles []int64) map[string]any {
	m := map[string]any{"login": a.Login, "first_name": a.FirstName, "last_name": a.LastName, "email": a.Email,
		"language": a.Language, "time_zone": a.TimeZone, "currency": a.Currency, "user_type": a.UserType,
		"status": a.Status, "auth_method": a.AuthMethod}
	if roles != nil {
		m["role_ids"] = roles
	}
	return m
}

// diff keeps only the keys whose values differ, so audit details show the change.
func diff(before, after map[string]any) {
	for k, v := range before {
		if after[k] == v {
			delete(before, k)
			delete(after, k)
		}
	}
}

// AccountTotal counts a tenant's accounts; only the seeder needs it (lists never count).
func (s *Store) AccountTotal(ctx context.Context, tenantID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM accounts WHERE tenant_id = ?`, tenantID).Scan(&n)
	return n, err
}

// standing is the account as signing in judges it at the store's clock: an
// expired account stands as deactivated, whatever its status says.
func (s *Store) standing(a Account) Account {
	if a.Status == "active" && a.Expired(s.now()) {
		a.Status = "deactivated"
	}
	return a
}
