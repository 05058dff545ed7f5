// Package ssotest is an OpenID provider under the test's control: it signs
// in whoever the test says, at once, and can be made to misbehave in every
// way a relying party must refuse (wrong issuer or audience, expired token,
// bad signature, wrong nonce, unverified email, down).
package ssotest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// User is who the provider signs in.
type User struct {
	Subject, Email      string
	EmailVerified       bool
	FirstName, LastName string
}

// Provider is a running provider; its URL is its issuer.
type Provider struct {
	URL          string
	ClientID     string
	ClientSecret string

	srv      *httptest.Server
	key      *rsa.PrivateKey
	otherKey *rsa.PrivateKey

	mu       sync.Mutex
	user     User
	tweak    func(claims map[string]any)
	badSig   bool
	down     bool
	noUserID bool // the ID token carries no email claims: they come from userinfo
	codes    map[string]grant
	tokens   map[string]map[string]any
	// Authorizations counts the requests to the authorization endpoint.
	Authorizations int
	// LastAuthorize is the query of the last one.
	LastAuthorize url.Values
}

type grant struct {
	redirect, challenge string
	claims              map[string]any
}

// Start runs a provider for the test, with client id "console" and secret
// "s3cret", signing in alice@example.com (verified) as subject "alice".
func Start(t testing.TB) *Provider {
	t.Helper()
	p := &Provider{ClientID: "console", ClientSecret: "s3cret", codes: map[string]grant{}, tokens: map[string]map[string]any{},
		user: User{Subject: "alice", Email: "alice@example.com", EmailVerified: true, FirstName: "Alice", LastName: "Martin"}}
	var err error
	if p.key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	if p.otherKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("/keys", p.keys)
	mux.HandleFunc("/authorize", p.authorize)
	mux.HandleFunc("/token", p.token)
	mux.HandleFunc("/userinfo", p.userinfo)
	mux.HandleFunc("/logout", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("signed out")) })
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(p.srv.Close)
	p.URL = p.srv.URL
	return p
}

// SetUser sets who the next sign-in signs in.
func (p *Provider) SetUser(u User) { p.mu.Lock(); p.user = u; p.mu.Unlock() }

// Tweak changes the claims of the ID tokens issued from now on (nil: none).
func (p *Provider) Tweak(fn func(claims map[string]any)) { p.mu.Lock(); p.tweak = fn; p.mu.Unlock() }

// SignWithOtherKey signs the next ID tokens with a key the JWKS does not hold.
func (p *Provider) SignWithOtherKey(on bool) { p.mu.Lock(); p.badSig = on; p.mu.Unlock() }

// Down makes every endpoint answer 503.
func (p *Provider) Down(on bool) { p.mu.Lock(); p.down = on; p.mu.Unlock() }

// ClaimsInUserInfoOnly leaves email and names out of the ID token, as
// providers do that put them on the userinfo endpoint only.
func (p *Provider) ClaimsInUserInfoOnly(on bool) { p.mu.Lock(); p.noUserID = on; p.mu.Unlock() }

func (p *Provider) discovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{
		"issuer": p.URL, "authorization_endpoint": p.URL + "/authorize", "token_endpoint": p.URL + "/token",
		"userinfo_endpoint": p.URL + "/userinfo", "jwks_uri": p.URL + "/keys", "end_session_endpoint": p.URL + "/logout",
		"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"}, "code_challenge_methods_supported": []string{"S256"},
		"scopes_supported": []string{"openid", "email", "profile"},
	})
}

func (p *Provider) keys(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &p.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
}

// authorize signs the current user in at once and sends the browser back
// with a code, as a provider does after its login page.
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p.mu.Lock()
	p.Authorizations++
	p.LastAuthorize = q
	u := p.user
	p.mu.Unlock()
	if q.Get("client_id") != p.ClientID || q.Get("response_type") != "code" || q.Get("code_challenge_method") != "S256" ||
		q.Get("code_challenge") == "" || q.Get("redirect_uri") == "" {
		http.Error(w, "bad authorization request", http.StatusBadRequest)
		return
	}
	now := time.Now()
	claims := map[string]any{"iss": p.URL, "sub": u.Subject, "aud": p.ClientID, "iat": now.Unix(),
		"exp": now.Add(5 * time.Minute).Unix(), "nonce": q.Get("nonce")}
	info := map[string]any{"sub": u.Subject, "email": u.Email, "email_verified": u.EmailVerified,
		"given_name": u.FirstName, "family_name": u.LastName}
	p.mu.Lock()
	if !p.noUserID {
		for k, v := range info {
			claims[k] = v
		}
	}
	code := random()
	p.codes[code] = grant{redirect: q.Get("redirect_uri"), challenge: q.Get("code_challenge"), claims: claims}
	access := random()
	p.tokens[access] = info
	claims["~access"] = access
	p.mu.Unlock()
	back, _ := url.Parse(q.Get("redirect_uri"))
	bq := back.Query()
	bq.Set("code", code)
	bq.Set("state", q.Get("state"))
	back.RawQuery = bq.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.FormValue("client_id"), r.FormValue("client_secret")
	}
	id, _ = url.QueryUnescape(id)
	secret, _ = url.QueryUnescape(secret)
	p.mu.Lock()
	g, found := p.codes[r.FormValue("code")]
	delete(p.codes, r.FormValue("code"))
	tweak, badSig := p.tweak, p.badSig
	p.mu.Unlock()
	sum := sha256.Sum256([]byte(r.FormValue("code_verifier")))
	switch {
	case id != p.ClientID || secret != p.ClientSecret:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
		return
	case !found || g.redirect != r.FormValue("redirect_uri") || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
		return
	}
	access := g.claims["~access"].(string)
	delete(g.claims, "~access")
	if tweak != nil {
		tweak(g.claims)
	}
	key := p.key
	if badSig {
		key = p.otherKey
	}
	writeJSON(w, map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 300, "id_token": sign(key, g.claims)})
}

func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	const prefix = "Bearer "
	h := r.Header.Get("Authorization")
	p.mu.Lock()
	info, ok := p.tokens[h[min(len(prefix), len(h)):]]
	p.mu.Unlock()
	if len(h) <= len(prefix) || !ok {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	writeJSON(w, info)
}

func sign(key *rsa.PrivateKey, claims map[string]any) string {
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: "k1"}}, nil)
	if err != nil {
		panic(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := s.Sign(payload)
	if err != nil {
		panic(err)
	}
	out, _ := jws.CompactSerialize()
	return out
}

func random() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
