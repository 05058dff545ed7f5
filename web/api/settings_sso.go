package api

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
)

// ssoJSON is the tenant's connection as the API shows it: the client
// secret only as set or not.
type ssoJSON struct {
	DisplayName    string   `json:"display_name"`
	Issuer         string   `json:"issuer"`
	ClientID       string   `json:"client_id"`
	SecretSet      bool     `json:"client_secret_set"`
	Scopes         []string `json:"scopes"`
	Claim          string   `json:"claim"`
	Domains        []string `json:"domains"`
	CreateAccounts bool     `json:"create_accounts"`
	Enabled        bool     `json:"enabled"`
	RedirectURI    string   `json:"redirect_uri"`
}

func (a *API) replySSO(c echo.Context, status int) error {
	s, err := a.store.SSOConnection(c.Request().Context(), tenant(c))
	if err != nil {
		return err // none: 404
	}
	out := ssoJSON{DisplayName: s.DisplayName, Issuer: s.Issuer, ClientID: s.ClientID, SecretSet: s.Secret != "",
		Scopes: s.Scopes, Claim: s.Claim, Domains: s.Domains, CreateAccounts: s.CreateAccounts, Enabled: s.Enabled,
		RedirectURI: a.base + "/sso/callback"}
	if out.Scopes == nil {
		out.Scopes = []string{}
	}
	if out.Domains == nil {
		out.Domains = []string{}
	}
	return reply(c, status, out)
}

// ssoGet answers the key's tenant's connection; 404 when it has none.
func (a *API) ssoGet(c echo.Context) error { return a.replySSO(c, http.StatusOK) }

// ssoPut creates or replaces the connection (ops.SaveSSO). client_secret
// absent keeps the saved secret, "" clears it, a string sets it; the
// read-only fields of the answer (client_secret_set, redirect_uri) may be
// sent back unchanged and are ignored.
func (a *API) ssoPut(c echo.Context) error {
	var in struct {
		DisplayName    string          `json:"display_name"`
		Issuer         string          `json:"issuer"`
		ClientID       string          `json:"client_id"`
		Secret         json.RawMessage `json:"client_secret"`
		SecretSet      *bool           `json:"client_secret_set"`
		Scopes         []string        `json:"scopes"`
		Claim          string          `json:"claim"`
		Domains        []string        `json:"domains"`
		CreateAccounts bool            `json:"create_accounts"`
		Enabled        *bool           `json:"enabled"`
		RedirectURI    *string         `json:"redirect_uri"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	f := form.SSO{DisplayName: in.DisplayName, Issuer: in.Issuer, ClientID: in.ClientID, Scopes: in.Scopes,
		Claim: in.Claim, Domains: in.Domains, CreateAccounts: in.CreateAccounts, Enabled: in.Enabled == nil || *in.Enabled}
	if len(in.Secret) > 0 && string(in.Secret) != "null" {
		var s string
		if err := json.Unmarshal(in.Secret, &s); err != nil {
			return fieldError("client_secret", i18n.T(c.Request().Context(), "api_err_type", map[string]any{"Type": jsonKind(in.Secret)}))
		}
		f.Secret = &s
	}
	if err := a.ops.SaveSSO(c.Request().Context(), principal(c), f); err != nil {
		return err
	}
	return a.replySSO(c, http.StatusOK)
}

// ssoDelete removes the connection (ops.RemoveSSO); 404 when there is none.
func (a *API) ssoDelete(c echo.Context) error {
	if err := a.ops.RemoveSSO(c.Request().Context(), principal(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// jsonKind names the JSON type of a value, as encoding/json's type errors do.
func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "number"
}
