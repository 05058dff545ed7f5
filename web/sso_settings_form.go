package web

import (
	"context"
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// ssoSettingsForm is the single sign-on form as posted; the secret is kept
// apart because it is never shown again.
type ssoSettingsForm struct {
	views.SSOSettings
	secret string // typed into the password field: "" keeps the saved one
}

func bindSSOSettings(c echo.Context) ssoSettingsForm {
	return ssoSettingsForm{secret: c.FormValue("client_secret"), SSOSettings: views.SSOSettings{
		DisplayName: c.FormValue("display_name"), Issuer: c.FormValue("issuer"), ClientID: c.FormValue("client_id"),
		ClearSecret: c.FormValue("clear_secret") == "1", Scopes: c.FormValue("scopes"), Claim: c.FormValue("claim"),
		Domains: c.FormValue("domains"), CreateAccounts: c.FormValue("create_accounts") == "1",
		Enabled: c.FormValue("enabled") == "1"}}
}

// ops is the form as the operations take it: an empty secret field keeps
// the saved secret, "remove the secret" clears it.
func (f ssoSettingsForm) ops() form.SSO {
	s := form.SSO{DisplayName: f.DisplayName, Issuer: f.Issuer, ClientID: f.ClientID, Scopes: form.List(f.Scopes),
		Claim: f.Claim, Domains: form.List(f.Domains), CreateAccounts: f.CreateAccounts, Enabled: f.Enabled}
	switch {
	case f.ClearSecret:
		empty := ""
		s.Secret = &empty
	case f.secret != "":
		s.Secret = &f.secret
	}
	return s
}

// ssoFormOf is the saved connection in the form; a tenant without one
// starts from the defaults (scopes openid email profile, claim email, enabled).
func ssoFormOf(c store.SSOConnection, exists bool) views.SSOSettings {
	if !exists {
		return views.SSOSettings{Scopes: strings.Join(form.DefaultSSOScopes, " "), Claim: "email", Enabled: true}
	}
	return views.SSOSettings{DisplayName: c.DisplayName, Issuer: c.Issuer, ClientID: c.ClientID,
		Scopes: strings.Join(c.Scopes, " "), Claim: c.Claim, Domains: strings.Join(c.Domains, "\n"),
		CreateAccounts: c.CreateAccounts, Enabled: c.Enabled}
}

// savedSSO reads the tenant's connection; exists is false without one.
func (h *Handler) savedSSO(ctx context.Context, tenantID int64) (store.SSOConnection, bool, error) {
	c, err := h.store.SSOConnection(ctx, tenantID)
	if errors.Is(err, store.ErrNotFound) {
		return c, false, nil
	}
	return c, err == nil, err
}

// ssoVM is vm over what is saved: the state badge, the secret's presence
// and the redirect URI follow the saved connection, not what is typed.
func (h *Handler) ssoVM(vm views.SSOSettings, saved store.SSOConnection, exists bool) views.SSOSettings {
	vm.Exists, vm.SavedEnabled, vm.SavedName = exists, exists && saved.Enabled, saved.DisplayName
	vm.SecretSet = exists && saved.Secret != ""
	vm.RedirectURI = h.baseURL + "/sso/callback"
	return vm
}
