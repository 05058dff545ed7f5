package sso_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/console-dev/console/sso"
	"github.com/console-dev/console/sso/ssotest"
)

// signIn runs the dance against p up to Finish, sending nonce as the one kept.
func signIn(t *testing.T, c *sso.Client, p *ssotest.Provider, keptNonce string) (sso.Identity, error) {
	t.Helper()
	ctx := context.Background()
	cfg := sso.Config{Issuer: p.URL, ClientID: p.ClientID, ClientSecret: p.ClientSecret, Scopes: []string{"openid", "email"},
		RedirectURL: "http://console.test/sso/callback"}
	verifier := sso.NewVerifier()
	u, err := c.AuthURL(ctx, cfg, "state-1", "nonce-1", verifier, "")
	if err != nil {
		return sso.Identity{}, err
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || back.Query().Get("state") != "state-1" {
		t.Fatalf("provider sent back %q (%v)", resp.Header.Get("Location"), err)
	}
	return c.Finish(ctx, cfg, back.Query().Get("code"), verifier, keptNonce)
}

// TestFinishVerifiesWhatComesBack: a good sign-in yields the identity; each
// way a token can be wrong is refused with its own reason.
func TestFinishVerifiesWhatComesBack(t *testing.T) {
	t.Parallel()
	p := ssotest.Start(t)
	c := sso.New(sso.Options{AllowHTTP: true})
	id, err := signIn(t, c, p, "nonce-1")
	if err != nil || id.Subject != "alice" || id.Value != "alice@example.com" || !id.EmailVerified || id.Issuer != p.URL || id.FirstName != "Alice" {
		t.Fatalf("good sign-in: %+v, %v", id, err)
	}
	cases := []struct {
		name   string
		setup  func()
		nonce  string
		reason string
	}{
		{"wrong nonce kept", func() {}, "another-nonce", sso.BadNonce},
		{"nonce missing", func() { p.Tweak(func(c map[string]any) { delete(c, "nonce") }) }, "nonce-1", sso.BadNonce},
		{"wrong issuer", func() { p.Tweak(func(c map[string]any) { c["iss"] = "https://evil.example" }) }, "nonce-1", sso.BadToken},
		{"wrong audience", func() { p.Tweak(func(c map[string]any) { c["aud"] = "someone-else" }) }, "nonce-1", sso.BadToken},
		{"expired", func() {
			p.Tweak(func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() })
		}, "nonce-1", sso.Expired},
		{"bad signature", func() { p.SignWithOtherKey(true) }, "nonce-1", sso.BadToken},
	}
	for _, tc := range cases {
		p.Tweak(nil)
		p.SignWithOtherKey(false)
		tc.setup()
		if _, err := signIn(t, c, p, tc.nonce); sso.Reason(err) != tc.reason {
			t.Errorf("%s: %v, want reason %s", tc.name, err, tc.reason)
		}
	}
}

// TestFinishReadsUserInfo: a provider that puts the address on the
// userinfo endpoint only still names the person.
func TestFinishReadsUserInfo(t *testing.T) {
	t.Parallel()
	p := ssotest.Start(t)
	p.ClaimsInUserInfoOnly(true)
	id, err := signIn(t, sso.New(sso.Options{AllowHTTP: true}), p, "nonce-1")
	if err != nil || id.Value != "alice@example.com" || !id.EmailVerified {
		t.Fatalf("userinfo: %+v, %v", id, err)
	}
}

// TestProviderDownAndPlainHTTP: a provider that is down is Unreachable; a
// plain http:// issuer is not spoken to unless allowed.
func TestProviderDownAndPlainHTTP(t *testing.T) {
	t.Parallel()
	p := ssotest.Start(t)
	if _, err := sso.New(sso.Options{}).Discover(context.Background(), p.URL); sso.Reason(err) != sso.Unreachable {
		t.Fatalf("http issuer without AllowHTTP: %v", err)
	}
	c := sso.New(sso.Options{AllowHTTP: true})
	d, err := c.Discover(context.Background(), p.URL)
	if err != nil || !d.PKCES256 || d.KeyCount != 1 || d.EndSessionURL != p.URL+"/logout" {
		t.Fatalf("discover: %+v, %v", d, err)
	}
	p.Down(true)
	if _, err := c.Discover(context.Background(), p.URL); sso.Reason(err) != sso.Unreachable {
		t.Fatalf("down: %v", err)
	}
}

// TestPrivateAddressesRefused: without AllowPrivate, an https issuer that
// is this machine is not spoken to, so an issuer URL cannot probe inside.
func TestPrivateAddressesRefused(t *testing.T) {
	t.Parallel()
	p := ssotest.Start(t)
	for _, issuer := range []string{"https://127.0.0.1:1/", "https://localhost:1/", "https://10.1.2.3:1/", "https://[::1]:1/"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := sso.New(sso.Options{}).Discover(ctx, issuer)
		cancel()
		if err == nil || !strings.Contains(err.Error(), "not a public address") {
			t.Errorf("%s: %v, want refused as not public", issuer, err)
		}
	}
	if _, err := sso.New(sso.Options{AllowPrivate: true, AllowHTTP: true}).Discover(context.Background(), p.URL); err != nil {
		t.Fatalf("allowed: %v", err)
	}
}
