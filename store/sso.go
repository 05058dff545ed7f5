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

// SSOConnection is a tenant's OpenID Connect connection: at most one per
// tenant. Secret is the client secret as sealed by the operations layer;
// the store never sees it in the clear.
type SSOConnection struct {
	TenantID       int64
	DisplayName    string
	Issuer         string
	ClientID       string
	Secret         string
	Scopes         []string
	Claim          string   // the claim naming the person, matched to an account's email
	Domains        []string // the email domains that sign in here, sorted
	CreateAccounts bool     // an unknown verified address of a domain gets an account at first sign-in
	Enabled        bool
	UpdatedAt      time.Time
}

// ErrDomainTaken means an email domain already routes to another tenant's connection.
type ErrDomainTaken struct{ Domain string }

func (e ErrDomainTaken) Error() string { return "store: domain " + e.Domain + " is taken" }

const ssoColumns = `c.tenant_id, c.display_name, c.issuer, c.client_id, c.client_secret, c.scopes, c.claim,
	c.create_accounts, c.enabled, c.updated_at,
	COALESCE((SELECT string_agg(d.domain, ' ') FROM (SELECT domain FROM sso_domains WHERE tenant_id = c.tenant_id ORDER BY domain) d), '')`

func scanSSO(r scanner) (SSOConnection, error) {
	var c SSOConnection
	var scopes, domains string
	var updated int64
	if err := r.Scan(&c.TenantID, &c.DisplayName, &c.Issuer, &c.ClientID, &c.Secret, &scopes, &c.Claim,
		&c.CreateAccounts, &c.Enabled, &updated, &domains); err != nil {
		return c, err
	}
	c.Scopes, c.Domains = strings.Fields(scopes), strings.Fields(domains)
	c.UpdatedAt = time.Unix(updated, 0).UTC()
	return c, nil
}

// SSOConnection reads the tenant's connection; ErrNotFound when it has none.
func (s *Store) SSOConnection(ctx context.Context, tenantID int64) (SSOConnection, error) {
	c, err := scanSSO(s.queryRow(ctx, `SELECT `+ssoColumns+` FROM sso_connections c WHERE c.tenant_id = ?`, tenantID))
	if err != nil {
		return c, fmt.Errorf("store: sso connection: %w", notFound(err))
	}
	return c, nil
}

// SSOByDomain is the enabled connection an email domain routes to, whatever
// the tenant; ErrNotFound when none. The sign-in page routes on this alone,
// so it tells nothing about which addresses have accounts.
func (s *Store) SSOByDomain(ctx context.Context, domain string) (SSOConnection, error) {
	c, err := scanSSO(s.queryRow(ctx, `SELECT `+ssoColumns+` FROM sso_domains d0
		JOIN sso_connections c ON c.tenant_id = d0.tenant_id WHERE d0.domain = ? AND c.enabled = 1`, strings.ToLower(domain)))
	if err != nil {
		return c, fmt.Errorf("store: sso by domain: %w", notFound(err))
	}
	return c, nil
}

// ErrDomainElsewhere means an email domain is that of people outside the
// tenant and its sub-tenants: it cannot route their sign-in to this tenant.
type ErrDomainElsewhere struct{ Domain string }

func (e ErrDomainElsewhere) Error() string { return "store: domain " + e.Domain + " is used elsewhere" }

// ErrSecretNeeded means the issuer changes while the saved client secret
// would be kept: a new issuer never receives the old provider's secret.
var ErrSecretNeeded = errors.New("store: a new issuer needs its client secret typed again")

// SaveSSO creates or replaces the tenant's connection, with before and after
// audited (the secret only as set or changed). keepSecret keeps the sealed
// secret saved before (refused with ErrSecretNeeded when the issuer
// changes). A change of whom the connection trusts (a new connection,
// another issuer, client, claim or domains, or enabling it) decides who may
// sign in to the tenant's SSO accounts, so by's guard judges it as a change
// to each of them (only an Admin for an Admin). Another issuer unlinks the
// identities bound to the old one: they link again at their next sign-in.
// Refused with ErrLastManager when nobody could manage users afterwards, with
// ErrDomainTaken for a domain another tenant routes and ErrDomainElsewhere
// for a new domain of people outside the tenant's part of the tree.
func (s *Store) SaveSSO(ctx context.Context, by Actor, c SSOConnection, keepSecret bool) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.serialize(ctx, by.TenantID); err != nil {
			return err
		}
		before, err := scanSSO(tx.queryRow(ctx, `SELECT `+ssoColumns+` FROM sso_connections c WHERE c.tenant_id = ?`, by.TenantID))
		existed := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: save sso: %w", err)
		}
		if keepSecret {
			if existed && before.Secret != "" && before.Issuer != c.Issuer {
				return ErrSecretNeeded
			}
			c.Secret = before.Secret
		}
		change := func() error { return tx.saveSSO(ctx, by, before, existed, c) }
		trust := !existed || before.Issuer != c.Issuer || before.ClientID != c.ClientID || before.Claim != c.Claim ||
			!slices.Equal(before.Domains, c.Domains) || (c.Enabled && !before.Enabled)
		if !trust {
			if err := tx.begin(ctx, by); err != nil {
				return err
			}
			return change()
		}
		return tx.guarded(ctx, by, func() ([]int64, error) {
			return ids(tx.query(ctx, `SELECT id FROM accounts WHERE tenant_id = ? AND kind = 'user' AND auth_method = 'sso'`, by.TenantID))
		}, change)
	})
}

func (tx *Tx) saveSSO(ctx context.Context, by Actor, before SSOConnection, existed bool, c SSOConnection) error {
	if err := tx.noteManager(ctx, by.TenantID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO sso_connections (tenant_id, display_name, issuer, client_id, client_secret,
			scopes, claim, create_accounts, enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id) DO UPDATE SET display_name = excluded.display_name, issuer = excluded.issuer,
			client_id = excluded.client_id, client_secret = excluded.client_secret, scopes = excluded.scopes,
			claim = excluded.claim, create_accounts = excluded.create_accounts, enabled = excluded.enabled,
			updated_at = excluded.updated_at`,
		by.TenantID, c.DisplayName, c.Issuer, c.ClientID, c.Secret, strings.Join(c.Scopes, " "), c.Claim,
		c.CreateAccounts, c.Enabled, tx.s.unix()); err != nil {
		return fmt.Errorf("store: save sso: %w", err)
	}
	if err := tx.ssoDomains(ctx, by.TenantID, before.Domains, c.Domains); err != nil {
		return err
	}
	unlinked := int64(0)
	if existed && before.Issuer != c.Issuer {
		res, err := tx.exec(ctx, `UPDATE accounts SET sso_issuer = NULL, sso_subject = NULL, updated_at = ?
			WHERE tenant_id = ? AND sso_subject IS NOT NULL AND sso_issuer <> ?`, tx.s.unix(), by.TenantID, c.Issuer)
		if err != nil {
			return fmt.Errorf("store: save sso: %w", err)
		}
		unlinked, _ = res.RowsAffected()
	}
	if err := tx.ensureManager(ctx, by.TenantID); err != nil {
		return err
	}
	details := map[string]any{"after": ssoMap(c, c.Secret != before.Secret)}
	if existed {
		details["before"] = ssoMap(before, false)
	}
	if unlinked > 0 {
		details["unlinked"] = unlinked
	}
	return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionSSOUpdate,
		TargetType: "tenant", TargetID: by.TenantID, Details: details})
}

// ssoDomains replaces the tenant's domains. A domain new to it must be
// nobody else's: not routed to another tenant, and not the address domain
// of anyone outside the tenant and its sub-tenants.
func (tx *Tx) ssoDomains(ctx context.Context, tenantID int64, was, domains []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM sso_domains WHERE tenant_id = ?`, tenantID); err != nil {
		return fmt.Errorf("store: save sso: %w", err)
	}
	for _, d := range domains {
		if _, err := tx.exec(ctx, `INSERT INTO sso_domains (domain, tenant_id) VALUES (?, ?)`, d, tenantID); err != nil {
			if isUnique(err) {
				return ErrDomainTaken{Domain: d}
			}
			return fmt.Errorf("store: save sso: %w", err)
		}
		if slices.Contains(was, d) {
			continue
		}
		var elsewhere bool
		if err := tx.queryRow(ctx, downTree+` SELECT EXISTS (SELECT 1 FROM accounts a
				WHERE a.email LIKE ? AND a.tenant_id NOT IN (SELECT id FROM down))`,
			tenantID, "%@"+d).Scan(&elsewhere); err != nil {
			return fmt.Errorf("store: save sso: %w", err)
		}
		if elsewhere {
			return ErrDomainElsewhere{Domain: d}
		}
	}
	return nil
}

// RemoveSSO deletes the tenant's connection and its domains; the identities
// bound to accounts stay, so the same provider added again signs them in.
// Refused with ErrLastManager like disabling it.
func (s *Store) RemoveSSO(ctx context.Context, by Actor) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if err := tx.noteManager(ctx, by.TenantID); err != nil {
			return err
		}
		before, err := scanSSO(tx.queryRow(ctx, `SELECT `+ssoColumns+` FROM sso_connections c WHERE c.tenant_id = ?`, by.TenantID))
		if err != nil {
			return fmt.Errorf("store: remove sso: %w", notFound(err))
		}
		if _, err := tx.exec(ctx, `DELETE FROM sso_domains WHERE tenant_id = ?`, by.TenantID); err != nil {
			return fmt.Errorf("store: remove sso: %w", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM sso_connections WHERE tenant_id = ?`, by.TenantID); err != nil {
			return fmt.Errorf("store: remove sso: %w", err)
		}
		if err := tx.ensureManager(ctx, by.TenantID); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionSSORemove,
			TargetType: "tenant", TargetID: by.TenantID, Details: map[string]any{"before": ssoMap(before, false)}})
	})
}

// ssoMap is a connection as its audit event shows it: never the secret.
func ssoMap(c SSOConnection, secretChanged bool) map[string]any {
	m := map[string]any{"display_name": c.DisplayName, "issuer": c.Issuer, "client_id": c.ClientID,
		"client_secret": map[bool]string{true: "set", false: "not set"}[c.Secret != ""],
		"scopes":        strings.Join(c.Scopes, " "), "claim": c.Claim, "domains": strings.Join(c.Domains, " "),
		"create_accounts": c.CreateAccounts, "enabled": c.Enabled}
	if secretChanged && c.Secret != "" {
		m["client_secret"] = "changed"
	}
	return m
}
