package ops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// ssoPurpose binds a sealed client secret to its tenant.
func ssoPurpose(tenantID int64) string { return fmt.Sprintf("sso-client-secret:%d", tenantID) }

// SaveSSO creates or replaces the tenant's single sign-on connection
// (tenant.settings). The client secret is sealed under the console's secret
// key; nil keeps the saved one. Disabling the connection is refused when its
// SSO people were the last who could manage users; a domain another tenant
// routes is refused.
func (o *Ops) SaveSSO(ctx context.Context, p Principal, f form.SSO) error {
	f.Normalize()
	errs := map[string]string{}
	f.Validate(ctx, errs, o.SSOAllowHTTP)
	if err := invalid(errs); err != nil {
		return err
	}
	c := store.SSOConnection{DisplayName: f.DisplayName, Issuer: f.Issuer, ClientID: f.ClientID, Scopes: f.Scopes,
		Claim: f.Claim, Domains: f.Domains, CreateAccounts: f.CreateAccounts, Enabled: f.Enabled}
	if f.Secret != nil {
		if o.Sealer == nil {
			return errors.New("ops: no secret key to seal the client secret with")
		}
		sealed, err := o.Sealer.Seal(*f.Secret, ssoPurpose(p.TenantID))
		if err != nil {
			return err
		}
		c.Secret = sealed
	}
	// direct: whom the connection trusts decides who signs in to each SSO
	// account, so a change of it is judged as a change to each of them.
	return ssoRefused(ctx, o.st.SaveSSO(ctx, p.by(auth.TenantSettings, true), c, f.Secret == nil))
}

// RemoveSSO deletes the tenant's connection (tenant.settings), refused like
// disabling it when nobody else could manage users.
func (o *Ops) RemoveSSO(ctx context.Context, p Principal) error {
	return ssoRefused(ctx, o.st.RemoveSSO(ctx, p.by(auth.TenantSettings, false)))
}

func ssoRefused(ctx context.Context, err error) error {
	var taken store.ErrDomainTaken
	var elsewhere store.ErrDomainElsewhere
	switch {
	case errors.As(err, &elsewhere):
		msg := i18n.T(ctx, "sso_err_domain_elsewhere", map[string]any{"Domain": elsewhere.Domain})
		return &Error{Kind: Conflict, Key: "sso_err_domain_elsewhere", Data: map[string]any{"Domain": elsewhere.Domain},
			Fields: map[string]string{"domains": msg}}
	case errors.Is(err, store.ErrSecretNeeded):
		return &Error{Kind: Invalid, Key: "sso_err_secret_again", Fields: map[string]string{"client_secret": i18n.T(ctx, "sso_err_secret_again")}}
	case errors.Is(err, errAdminOnly), errors.Is(err, errBeyond), errors.Is(err, errAbove):
		return &Error{Kind: Forbidden, Key: "sso_err_act_for", Fields: map[string]string{"issuer": i18n.T(ctx, "sso_err_act_for")}}
	case errors.As(err, &taken):
		msg := i18n.T(ctx, "sso_err_domain_taken", map[string]any{"Domain": taken.Domain})
		return &Error{Kind: Conflict, Key: "sso_err_domain_taken", Data: map[string]any{"Domain": taken.Domain},
			Fields: map[string]string{"domains": msg}}
	case errors.Is(err, store.ErrLastManager):
		return &Error{Kind: Conflict, Key: "sso_err_last_manager", Fields: map[string]string{"enabled": i18n.T(ctx, "sso_err_last_manager")}}
	}
	return err
}

// SSOClient is the tenant's connection with its client secret opened, for
// the sign-in flow and the Test connection button; ErrNotFound without one.
func (o *Ops) SSOClient(ctx context.Context, tenantID int64) (store.SSOConnection, error) {
	c, err := o.st.SSOConnection(ctx, tenantID)
	if err != nil {
		return c, err
	}
	if c.Secret != "" {
		if o.Sealer == nil {
			return c, errors.New("ops: no secret key to open the client secret with")
		}
		if c.Secret, err = o.Sealer.Open(c.Secret, ssoPurpose(tenantID)); err != nil {
			return c, fmt.Errorf("ops: sso client secret of tenant %d: %w (was CONSOLE_SECRET_KEY or the key file changed?)", tenantID, err)
		}
	}
	return c, nil
}

// UnlinkSSO forgets the identity an SSO account is bound to (users.manage,
// act-for): its next sign-in binds by its verified address again.
func (o *Ops) UnlinkSSO(ctx context.Context, p Principal, id int64) (store.Account, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return a, err
	}
	return o.st.UnlinkSSO(ctx, p.by(manage(a), true), id)
}

// SSOLogin is what a verified sign-in at a tenant's provider brings: the
// identity, the naming claim's value and whether the provider vouches for
// the address.
type SSOLogin struct {
	TenantID            int64
	Issuer, Subject     string
	Value               string // the naming claim, lower-cased
	Claim               string // its name (email, upn…), for the audit
	EmailVerified       bool
	FirstName, LastName string
	IP                  string
}

// SSORefusal is why a verified identity signs nobody in; Reason is the
// stable word in the audit event.
type SSORefusal struct{ Reason string }

func (e *SSORefusal) Error() string { return "ops: sso sign-in refused: " + e.Reason }

// The refusals SSOSignIn adds to the store's (store.SSONoAccount...).
const (
	SSODisabled      = "connection_disabled"
	SSOUnverified    = "email_unverified"
	SSOOtherDomain   = "domain_not_configured"
	SSOTenantBlocked = "tenant_blocked"
)

// SSOSignIn decides which account a verified identity signs in to the
// tenant l.TenantID, and audits every refusal with its reason (never a
// token). Only (issuer, subject) counts once bound; before that the naming
// claim's value, an address the provider verified and of one of the
// connection's domains, finds a pre-created SSO account and binds it, or,
// with "create accounts at first sign-in", makes one.
func (o *Ops) SSOSignIn(ctx context.Context, l SSOLogin) (store.Account, error) {
	a, reason, err := o.ssoSignIn(ctx, l)
	if reason == "" {
		return a, err
	}
	details := map[string]any{"method": "sso", "reason": reason, "issuer": l.Issuer, "subject": l.Subject}
	if l.Value != "" {
		details[l.Claim] = l.Value
	}
	ev := store.Event{TenantID: l.TenantID, IP: l.IP, Action: store.ActionSignInFailure, Details: details}
	if a.ID != 0 {
		ev.TargetType, ev.TargetID = "account", a.ID
	}
	if err := o.st.Audit(ctx, ev); err != nil {
		return store.Account{}, err
	}
	return store.Account{}, &SSORefusal{Reason: reason}
}

func (o *Ops) ssoSignIn(ctx context.Context, l SSOLogin) (store.Account, string, error) {
	c, err := o.st.SSOConnection(ctx, l.TenantID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return store.Account{}, SSODisabled, nil
	case err != nil:
		return store.Account{}, "", err
	case !c.Enabled:
		return store.Account{}, SSODisabled, nil
	}
	t, err := o.st.Tenant(ctx, l.TenantID)
	if err != nil {
		return store.Account{}, "", err
	}
	if t.Blocked {
		return store.Account{}, SSOTenantBlocked, nil
	}
	id := store.SSOIdentity{Issuer: l.Issuer, Subject: l.Subject}
	var unmatched string // why the address cannot be matched, if it cannot
	_, domain, _ := strings.Cut(l.Value, "@")
	switch {
	case l.Value == "":
		unmatched = store.SSONoAccount
	case !l.EmailVerified:
		// Whatever the claim (upn, preferred_username…), an address finds
		// an account only when the provider vouches for it: a name people
		// edit themselves at the provider never takes over an account.
		unmatched = SSOUnverified
	case len(c.Domains) > 0 && !slices.Contains(c.Domains, domain):
		unmatched = SSOOtherDomain
	default:
		id.Email = l.Value
	}
	var create *store.NewAccount
	if c.CreateAccounts && id.Email != "" && form.Domain(domain) {
		first, last := strings.TrimSpace(l.FirstName), strings.TrimSpace(l.LastName)
		if first == "" && last == "" {
			first, _, _ = strings.Cut(id.Email, "@")
		}
		first, last = clipRunes(first, 100), clipRunes(last, 100)
		st, err := o.st.Settings(ctx, l.TenantID)
		if err != nil {
			return store.Account{}, "", err
		}
		create = &store.NewAccount{Login: LoginOf(id.Email), Profile: store.Profile{FirstName: first, LastName: last,
			Language: "browser", TimeZone: st.TimeZone, Currency: st.Currency, UserType: "standard"}}
	}
	a, err := o.st.SSOSignIn(ctx, l.TenantID, id, create, l.IP)
	var refused store.SSORefused
	if errors.As(err, &refused) {
		if refused.Reason == store.SSONoAccount && unmatched != "" {
			return a, unmatched, nil
		}
		return a, refused.Reason, nil
	}
	return a, "", err
}

// LoginOf makes a login from an address (self-registration, a first SSO
// sign-in): the address itself, or its local part when it is too long,
// with what a login may not hold replaced by "-".
func LoginOf(email string) string {
	login := email
	if len([]rune(login)) > 64 {
		login, _, _ = strings.Cut(email, "@")
		login = clipRunes(login, 64)
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || strings.ContainsRune("._@+-", r) {
			return r
		}
		return '-'
	}, login)
}

// clipRunes keeps at most n characters of what a provider sent, without
// invalid bytes, control or invisible formatting characters.
func clipRunes(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
