package sso

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Config is one connection as the protocol needs it.
type Config struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	Scopes       []string
	RedirectURL  string // <base>/sso/callback
	// Claim names the person (default "email"): its value is matched to an
	// account's email.
	Claim string
}

func (c *Client) oauth(p *oidc.Provider, cfg Config) *oauth2.Config {
	return &oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: cfg.RedirectURL, Scopes: cfg.Scopes}
}

// AuthURL is where the browser goes to sign in: the authorization endpoint
// with the state, the nonce and the S256 challenge of verifier.
func (c *Client) AuthURL(ctx context.Context, cfg Config, state, nonce, verifier, loginHint string) (string, error) {
	p, err := c.provider(ctx, cfg.Issuer)
	if err != nil {
		return "", err
	}
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)}
	if loginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", loginHint))
	}
	u := c.oauth(p, cfg).AuthCodeURL(state, opts...)
	if !c.speaks(u) { // shown to the browser: never a javascript: or data: URL a document named
		return "", fail(BadToken, fmt.Errorf("authorization endpoint %q is not https", p.Endpoint().AuthURL))
	}
	return u, nil
}

// speaks reports whether u is a URL the client may send a browser to:
// https, or http when allowed.
func (c *Client) speaks(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Host != "" && (p.Scheme == "https" || (c.AllowsHTTP() && p.Scheme == "http"))
}

// NewVerifier is a fresh PKCE code verifier.
func NewVerifier() string { return oauth2.GenerateVerifier() }

// Identity is what a verified sign-in says about the person.
type Identity struct {
	Issuer, Subject string
	// Value is the naming claim's value, lower-cased; "" when the provider
	// sent none.
	Value string
	// EmailVerified is the email_verified claim (or Entra ID's xms_edov; a
	// provider sending it as the string "true" counts too).
	EmailVerified       bool
	FirstName, LastName string
}

// Finish completes a sign-in: it exchanges code (with the PKCE verifier),
// verifies the ID token (signature by the issuer's keys, issuer, audience =
// client id, expiry) and its nonce, which the library leaves to us, then
// reads the claims, from the userinfo endpoint too when the ID token lacks
// the naming claim or email_verified.
func (c *Client) Finish(ctx context.Context, cfg Config, code, verifier, nonce string) (Identity, error) {
	p, err := c.provider(ctx, cfg.Issuer)
	if err != nil {
		return Identity{}, err
	}
	hc := oidc.ClientContext(ctx, c.http)
	tok, err := c.oauth(p, cfg).Exchange(context.WithValue(hc, oauth2.HTTPClient, c.http), code, oauth2.VerifierOption(verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode < 500 {
			return Identity{}, fail(Exchange, err)
		}
		return Identity{}, fail(Unreachable, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Identity{}, fail(BadToken, errors.New("no id_token in the token response"))
	}
	idt, err := p.VerifierContext(hc, &oidc.Config{ClientID: cfg.ClientID, Now: c.now}).Verify(hc, raw)
	if err != nil {
		var exp *oidc.TokenExpiredError
		if errors.As(err, &exp) {
			return Identity{}, fail(Expired, err)
		}
		return Identity{}, fail(BadToken, err)
	}
	if idt.Nonce == "" || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return Identity{}, fail(BadNonce, errors.New("the ID token's nonce is not the one sent"))
	}
	if idt.Subject == "" {
		return Identity{}, fail(BadToken, errors.New("the ID token names no subject"))
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, fail(BadToken, err)
	}
	claim := cfg.Claim
	if claim == "" {
		claim = "email"
	}
	_, hasValue := claims[claim].(string)
	_, hasVerified := claims["email_verified"]
	if (!hasValue || (claim == "email" && !hasVerified)) && p.UserInfoEndpoint() != "" {
		ui, err := p.UserInfo(hc, oauth2.StaticTokenSource(tok))
		if err != nil {
			return Identity{}, fail(UserInfo, err)
		}
		if ui.Subject != idt.Subject {
			return Identity{}, fail(UserInfo, fmt.Errorf("userinfo names subject %q, the ID token %q", ui.Subject, idt.Subject))
		}
		more := map[string]any{}
		if err := ui.Claims(&more); err != nil {
			return Identity{}, fail(UserInfo, err)
		}
		for k, v := range more {
			if _, ok := claims[k]; !ok {
				claims[k] = v
			}
		}
	}
	// Entra ID sends no email_verified; its xms_edov ("email domain owner
	// verified", an optional claim) says the same of the address.
	id := Identity{Issuer: idt.Issuer, Subject: idt.Subject, EmailVerified: truthy(claims["email_verified"]) || truthy(claims["xms_edov"])}
	id.Value, _ = claims[claim].(string)
	id.Value = strings.ToLower(strings.TrimSpace(id.Value))
	id.FirstName, _ = claims["given_name"].(string)
	id.LastName, _ = claims["family_name"].(string)
	return id, nil
}

func truthy(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		return strings.EqualFold(b, "true")
	}
	return false
}

// EndSessionURL is the provider's end-session endpoint (RP-initiated
// logout) with the client id and where to come back to, or "" when the
// provider has none.
func (c *Client) EndSessionURL(ctx context.Context, cfg Config, after string) (string, error) {
	p, err := c.provider(ctx, cfg.Issuer)
	if err != nil {
		return "", err
	}
	var doc struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&doc); err != nil || doc.EndSession == "" {
		return "", err
	}
	u, err := url.Parse(doc.EndSession)
	if err != nil || !c.speaks(doc.EndSession) {
		return "", nil
	}
	q := u.Query()
	q.Set("client_id", cfg.ClientID)
	q.Set("post_logout_redirect_uri", after)
	u.RawQuery = q.Encode()
	return u.String(), nil
}
