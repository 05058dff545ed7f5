// Package sso is the console's OpenID Connect relying party: discovery, the
// authorization code flow with PKCE (S256), and the verification of what
// comes back (the ID token's signature, issuer, audience, expiry and nonce).
// It decides nothing about accounts: ops does, from the Identity it returns.
package sso

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// Client talks to providers. Discovery documents and signing keys are
// cached per issuer for a while, so a sign-in costs the provider only the
// token exchange.
type Client struct {
	http *http.Client
	now  func() time.Time
	ttl  time.Duration

	mu    sync.Mutex
	cache map[string]cached
}

type cached struct {
	p  *oidc.Provider
	at time.Time
}

// Options are a client's knobs.
type Options struct {
	// AllowHTTP lets issuers and their endpoints be plain http://
	// (CONSOLE_SSO_ALLOW_HTTP, for a provider on a developer's machine and
	// tests); otherwise only https:// is spoken to.
	AllowHTTP bool
	// AllowPrivate lets the console reach providers on loopback, private
	// and link-local addresses (CONSOLE_SSO_ALLOW_PRIVATE, for an identity
	// provider inside the operator's network; implied by AllowHTTP).
	// Otherwise a tenant administrator's issuer URL cannot make the console
	// probe its own network.
	AllowPrivate bool
	// Now replaces the clock that judges token expiry (tests).
	Now func() time.Time
	// Timeout bounds each request to a provider; 10 s when zero.
	Timeout time.Duration
}

// New makes a client.
func New(o Options) *Client {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if !o.AllowHTTP && !o.AllowPrivate {
		tr.Proxy = nil // the address checked must be the provider's, not a proxy's
		tr.DialContext = (&net.Dialer{Timeout: o.Timeout, Control: publicOnly}).DialContext
	}
	return &Client{
		http: &http.Client{Timeout: o.Timeout, Transport: limited{allowHTTP: o.AllowHTTP, rt: tr},
			// A provider's endpoints answer; they do not send the console elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		now: o.Now, ttl: 10 * time.Minute, cache: map[string]cached{},
	}
}

// AllowsHTTP reports whether plain http:// issuers are allowed.
func (c *Client) AllowsHTTP() bool { return c.http.Transport.(limited).allowHTTP }

// publicOnly refuses a connection to an address of this machine or its
// networks, checked on the address dialled (after DNS), so a name that
// resolves inside cannot slip by.
func publicOnly(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() ||
		ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || slices.ContainsFunc(notPublic, func(p netip.Prefix) bool { return p.Contains(ip) }) {
		return fmt.Errorf("%w (set CONSOLE_SSO_ALLOW_PRIVATE for a provider inside your network): %s", ErrNotPublic, ip)
	}
	return nil
}

// notPublic are the ranges beyond Go's own tests that are no provider's:
// shared address space, "this network", IETF and benchmarking ranges,
// reserved space, and the IPv6 forms that carry an IPv4 address (NAT64,
// 6to4, IPv4-compatible), which could reach an inside address through a
// gateway.
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), netip.MustParsePrefix("64:ff9b:1::/48"), netip.MustParsePrefix("2002::/16"),
	netip.MustParsePrefix("::/96"),
}

// What the client refuses to speak to, whatever the provider says.
var (
	ErrNotHTTPS  = errors.New("sso: not https")
	ErrNotPublic = errors.New("sso: not a public address")
)

// limited refuses plain HTTP unless allowed and caps what a provider may
// send back, so a hostile or broken issuer cannot exhaust memory.
type limited struct {
	allowHTTP bool
	rt        http.RoundTripper
}

const maxBody = 1 << 20

func (l limited) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Scheme != "https" && !(l.allowHTTP && r.URL.Scheme == "http") {
		return nil, fmt.Errorf("%w: %s", ErrNotHTTPS, r.URL.Redacted())
	}
	resp, err := l.rt.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.LimitReader(resp.Body, maxBody), resp.Body}
	return resp, nil
}

// Error is why a step with a provider failed. Reason is stable (it goes in
// the audit event and picks the page shown); the wrapped error is for logs.
type Error struct {
	Reason string
	Err    error
}

// The reasons a step fails.
const (
	Unreachable = "idp_unreachable" // discovery, keys or token endpoint cannot be read
	Exchange    = "code_exchange"   // the token endpoint refused the code
	BadToken    = "bad_token"       // signature, issuer, audience or expiry wrong, or no ID token
	Expired     = "token_expired"
	BadNonce    = "bad_nonce"
	UserInfo    = "userinfo" // the userinfo endpoint failed or named another subject
)

func (e *Error) Error() string { return "sso: " + e.Reason + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func fail(reason string, err error) error { return &Error{Reason: reason, Err: err} }

// Reason is err's reason, or Unreachable for an error of no known kind.
func Reason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return Unreachable
}

// provider returns the issuer's discovered provider, from the cache while fresh.
func (c *Client) provider(ctx context.Context, issuer string) (*oidc.Provider, error) {
	c.mu.Lock()
	hit, ok := c.cache[issuer]
	c.mu.Unlock()
	if ok && time.Since(hit.at) < c.ttl {
		return hit.p, nil
	}
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, c.http), issuer)
	if err != nil {
		return nil, fail(Unreachable, err)
	}
	c.mu.Lock()
	c.cache[issuer] = cached{p: p, at: time.Now()}
	c.mu.Unlock()
	return p, nil
}

// Forget drops an issuer from the cache: its connection changed.
func (c *Client) Forget(issuer string) {
	c.mu.Lock()
	delete(c.cache, issuer)
	c.mu.Unlock()
}

// Discovery is what a provider's discovery document says, as the Test
// connection button reports it.
type Discovery struct {
	Issuer        string
	AuthURL       string
	TokenURL      string
	UserInfoURL   string
	JWKSURL       string
	EndSessionURL string
	Scopes        []string
	PKCES256      bool // code_challenge_methods_supported names S256
	KeyCount      int  // signing keys the JWKS holds
}

// Discover fetches issuer's discovery document and keys afresh (and
// refreshes the cache).
func (c *Client) Discover(ctx context.Context, issuer string) (Discovery, error) {
	c.Forget(issuer)
	p, err := c.provider(ctx, issuer)
	if err != nil {
		return Discovery{}, err
	}
	var doc struct {
		Issuer     string   `json:"issuer"`
		JWKS       string   `json:"jwks_uri"`
		EndSession string   `json:"end_session_endpoint"`
		Scopes     []string `json:"scopes_supported"`
		Methods    []string `json:"code_challenge_methods_supported"`
	}
	if err := p.Claims(&doc); err != nil {
		return Discovery{}, fail(Unreachable, err)
	}
	d := Discovery{Issuer: doc.Issuer, AuthURL: p.Endpoint().AuthURL, TokenURL: p.Endpoint().TokenURL,
		UserInfoURL: p.UserInfoEndpoint(), JWKSURL: doc.JWKS, EndSessionURL: doc.EndSession, Scopes: doc.Scopes}
	for _, m := range doc.Methods {
		d.PKCES256 = d.PKCES256 || m == "S256"
	}
	if d.KeyCount, err = c.keyCount(ctx, doc.JWKS); err != nil {
		return d, fail(Unreachable, err)
	}
	return d, nil
}

// keyCount reads the JWKS to tell how many keys it holds.
func (c *Client) keyCount(ctx context.Context, jwks string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, jwks, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("jwks: %s", resp.Status)
	}
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil {
		return 0, fmt.Errorf("jwks: %w", err)
	}
	return len(set.Keys), nil
}
