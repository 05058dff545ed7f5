package ops

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode"

	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// The sign-in dance at a provider keeps its state on the server: these are
// its writes, so the front doors touch the store through ops alone.

// StartSSO keeps a sign-in attempt until its callback comes back.
func (o *Ops) StartSSO(ctx context.Context, a store.SSOAttempt) error { return o.st.StartSSO(ctx, a) }

// TakeSSO uses up the attempt of a state: a second callback with the same
// state, an unknown or an expired one finds nothing (store.ErrNotFound).
func (o *Ops) TakeSSO(ctx context.Context, stateHash string) (store.SSOAttempt, error) {
	return o.st.TakeSSO(ctx, stateHash)
}

// SSOFailed audits a sign-in that failed before any account was decided
// (a bad or replayed state, another browser's attempt, a token or nonce
// that does not verify, a provider that is down): signin.failure with the
// method and the reason, never a token or a code. tenantID is 0 when the
// attempt is unknown.
func (o *Ops) SSOFailed(ctx context.Context, tenantID int64, reason, ip string) error {
	return o.st.Audit(ctx, store.Event{TenantID: tenantID, IP: ip, Action: store.ActionSignInFailure,
		Details: map[string]any{"method": "sso", "reason": reason}})
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
	if pr, err := o.st.Provisioning(ctx, l.TenantID); err != nil {
		return store.Account{}, "", err
	} else if pr.Mode == store.ProvisioningExternal {
		create = nil // its people come from its identity provider
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
