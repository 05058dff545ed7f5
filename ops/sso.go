package ops

import (
	"context"
	"errors"
	"fmt"

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
