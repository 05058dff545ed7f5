package form

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/console-dev/console/i18n"
)

// SSO is a tenant's OpenID Connect connection as the settings page and the
// API send it. Secret nil keeps the saved client secret.
type SSO struct {
	DisplayName    string
	Issuer         string
	ClientID       string
	Secret         *string
	Scopes         []string
	Claim          string
	Domains        []string
	CreateAccounts bool
	Enabled        bool
}

// The bounds of a connection's fields.
const (
	MaxSSODomains = 50
	MaxSSOScopes  = 20
)

// DefaultSSOScopes are asked for when none are given.
var DefaultSSOScopes = []string{"openid", "email", "profile"}

var (
	scopeRE  = regexp.MustCompile(`^[\x21\x23-\x5b\x5d-\x7e]{1,64}$`) // RFC 6749 scope-token
	claimRE  = regexp.MustCompile(`^[A-Za-z0-9_.:/-]{1,64}$`)
	labelRE  = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	clientRE = regexp.MustCompile(`^[\x21-\x7e]{1,255}$`)
)

// List splits what a text field holds (spaces, commas, new lines) into items.
func List(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

// Normalize trims the fields, lower-cases the domains (dropping a leading
// "@"), puts openid first among the scopes and sorts and dedupes the lists.
func (f *SSO) Normalize() {
	f.DisplayName, f.Issuer, f.ClientID = strings.TrimSpace(f.DisplayName), strings.TrimSpace(f.Issuer), strings.TrimSpace(f.ClientID)
	f.Claim = strings.TrimSpace(f.Claim)
	if f.Claim == "" {
		f.Claim = "email"
	}
	domains := make([]string, 0, len(f.Domains))
	for _, d := range f.Domains {
		if d = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "@"); d != "" {
			domains = append(domains, strings.TrimSuffix(d, "."))
		}
	}
	f.Domains = slices.Compact(slices.Sorted(slices.Values(domains)))
	scopes := []string{"openid"}
	for _, s := range f.Scopes {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(scopes, s) {
			scopes = append(scopes, s)
		}
	}
	if len(scopes) == 1 && len(f.Scopes) == 0 {
		scopes = slices.Clone(DefaultSSOScopes)
	}
	f.Scopes = scopes
}

// Validate fills errs with what is wrong; allowHTTP accepts a plain http://
// issuer (a provider on a developer's machine).
func (f *SSO) Validate(ctx context.Context, errs map[string]string, allowHTTP bool) {
	Text(ctx, errs, "display_name", f.DisplayName, true, 100)
	Issuer(ctx, errs, "issuer", f.Issuer, allowHTTP)
	Text(ctx, errs, "client_id", f.ClientID, true, 255)
	if _, bad := errs["client_id"]; !bad && !clientRE.MatchString(f.ClientID) {
		errs["client_id"] = i18n.T(ctx, "sso_err_client_id")
	}
	if f.Secret != nil {
		Text(ctx, errs, "client_secret", *f.Secret, false, 1000)
	}
	switch {
	case len(f.Scopes) > MaxSSOScopes:
		errs["scopes"] = i18n.T(ctx, "sso_err_scopes_many", map[string]any{"Max": MaxSSOScopes})
	case slices.ContainsFunc(f.Scopes, func(s string) bool { return !scopeRE.MatchString(s) }):
		errs["scopes"] = i18n.T(ctx, "sso_err_scope")
	}
	if !claimRE.MatchString(f.Claim) {
		errs["claim"] = i18n.T(ctx, "sso_err_claim")
	}
	switch {
	case len(f.Domains) > MaxSSODomains:
		errs["domains"] = i18n.T(ctx, "sso_err_domains_many", map[string]any{"Max": MaxSSODomains})
	case len(f.Domains) == 0 && f.CreateAccounts:
		errs["domains"] = i18n.T(ctx, "sso_err_domains_create")
	default:
		for _, d := range f.Domains {
			if !Domain(d) {
				errs["domains"] = i18n.T(ctx, "sso_err_domain", map[string]any{"Domain": clip(d)})
				break
			}
		}
	}
}

// Issuer checks an issuer URL (required, 500 characters at most, https
// unless allowHTTP, no credentials, query or fragment) into errs[field]; the
// Test connection button checks what it fetches by the same rules.
func Issuer(ctx context.Context, errs map[string]string, field, issuer string, allowHTTP bool) {
	Text(ctx, errs, field, issuer, true, 500)
	if _, bad := errs[field]; bad {
		return
	}
	u, err := url.Parse(issuer)
	switch {
	case err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(issuer, "?"):
		errs[field] = i18n.T(ctx, "sso_err_issuer")
	case u.Scheme != "https" && allowHTTP && u.Scheme != "http":
		errs[field] = i18n.T(ctx, "sso_err_issuer_scheme")
	case u.Scheme != "https" && !allowHTTP:
		errs[field] = i18n.T(ctx, "sso_err_issuer_https")
	}
}

// Domain reports whether d is an email domain: ASCII labels (an
// internationalised domain in its xn-- form), at least two, 253 bytes at most.
func Domain(d string) bool {
	labels := strings.Split(d, ".")
	if len(d) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !labelRE.MatchString(l) {
			return false
		}
	}
	return true
}

// clip shortens a value echoed in a message.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
