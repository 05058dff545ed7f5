// Package web serves the console: one echo server, every route in routes.go
// with the permission it requires, one file per page or action.
package web

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/importer"
	"github.com/console-dev/console/sso"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/api"
	"github.com/console-dev/console/web/mail"
	"github.com/console-dev/console/web/scim"
)

// Config is what the server needs from flags and environment.
type Config struct {
	SecureCookies   bool
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration
	Log             *slog.Logger
	// BaseURL is the console's public address, the start of every link in an
	// email (CONSOLE_BASE_URL), without a trailing slash.
	BaseURL string
	// Mailer delivers the outbox; nil when no SMTP server is configured, and
	// mail then waits in the outbox, readable on the Mail page.
	Mailer *mail.Worker
	// TrustedProxies are the networks whose X-Forwarded-For is believed
	// (CONSOLE_TRUSTED_PROXIES); without any, the connection's address counts.
	TrustedProxies []*net.IPNet
	// CSRFKey signs the CSRF tokens (CONSOLE_CSRF_KEY); without one a random
	// key is made at start, and forms open across a restart must be reloaded.
	CSRFKey []byte
	// JobLease is how long a bulk action's worker holds the items it
	// claimed (CONSOLE_JOB_LEASE; 0: 2 minutes).
	JobLease time.Duration
	// MaxKeysPerAccount caps an account's active keys
	// (CONSOLE_MAX_KEYS_PER_ACCOUNT); 50 when zero.
	MaxKeysPerAccount int
	API               api.Config
	// SecretKey (32 bytes) seals the SSO client secrets (CONSOLE_SECRET_KEY
	// or the key file beside the database); without one a random key is made
	// at start, and secrets saved before a restart no longer open.
	SecretKey []byte
	// SSO sets how the console speaks to identity providers.
	SSO sso.Options
}

// Handler holds what the handlers need, nothing more.
type Handler struct {
	store    *store.Store
	sessions *auth.SessionStore
	hasher   *auth.Hasher
	ipLimit  *auth.Throttle
	acctLim  *auth.Throttle
	secure   bool
	log      *slog.Logger
	baseURL  string
	mailer   *mail.Worker
	now      func() time.Time
	// Limits on what sends email to an address: registration, forgotten
	// password, resent links; per client IP and per address.
	mailIP   *auth.Throttle
	mailAddr *auth.Throttle
	bg       sync.WaitGroup // work done after answering (see later)
	api      *api.API
	scim     *scim.Server // the SCIM 2.0 service provider under /scim/v2
	ops      *ops.Ops     // every state change goes through it
	imports  *importer.Planner
	csrfKey  []byte
	maxKeys  int
	jobLease time.Duration
	sso      *sso.Client
	// ssoLimit counts the single sign-ons each client IP starts.
	ssoLimit *auth.Throttle
}

// New builds the echo server. It refuses to start when a route declares no
// permission: deny by default.
func New(st *store.Store, cfg Config) (*echo.Echo, *Handler, error) {
	return newServer(st, cfg, (*Handler).tables)
}

// tables are the route tables a server mounts: the console's and the API's.
func (h *Handler) tables() ([]Route, []api.Route) { return h.routes(), h.api.Routes() }

// newServer is New with the route tables given, so a test can hand it a
// table that breaks the rule and see it refuse to start.
func newServer(st *store.Store, cfg Config, tables func(*Handler) ([]Route, []api.Route)) (*echo.Echo, *Handler, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 60 * time.Minute
	}
	if cfg.AbsoluteTimeout == 0 {
		cfg.AbsoluteTimeout = 12 * time.Hour
	}
	h := &Handler{
		store:    st,
		sessions: auth.NewSessionStore(st, cfg.SecureCookies, cfg.IdleTimeout, cfg.AbsoluteTimeout),
		hasher:   auth.NewHasher(3 * time.Second),
		ipLimit:  auth.NewThrottle(st, "signin-ip", 20, 15*time.Minute),
		acctLim:  auth.NewThrottle(st, "signin-acct", 5, 15*time.Minute),
		ssoLimit: auth.NewThrottle(st, "sso-start", 60, store.SSOAttemptLifetime),
		secure:   cfg.SecureCookies,
		log:      cfg.Log,
		baseURL:  strings.TrimRight(cfg.BaseURL, "/"),
		mailer:   cfg.Mailer,
		now:      time.Now,
		mailIP:   auth.NewThrottle(st, "mail-ip", 30, time.Hour),
		mailAddr: auth.NewThrottle(st, "mail-addr", 5, time.Hour),
		csrfKey:  cfg.CSRFKey,
		maxKeys:  cfg.MaxKeysPerAccount,
		jobLease: cfg.JobLease,
	}
	if h.maxKeys <= 0 {
		h.maxKeys = 50
	}
	if len(h.csrfKey) == 0 {
		h.csrfKey = make([]byte, 32)
		_, _ = rand.Read(h.csrfKey)
	}
	if cfg.API.Log == nil {
		cfg.API.Log = cfg.Log
	}
	h.ops = ops.New(st, h.hasher, links{h}, func() time.Time { return h.now() })
	h.ops.LimitMailTo(h.mailAddr)
	h.ops.MaxKeys = h.maxKeys
	// the importer builds on the operations; its jobs' rows run through it
	h.imports = importer.New(h.ops, st)
	h.ops.SetImportRows(h.imports)
	if len(cfg.SecretKey) == 0 {
		cfg.SecretKey = make([]byte, 32)
		_, _ = rand.Read(cfg.SecretKey)
	}
	sealer, err := auth.NewSealer(cfg.SecretKey)
	if err != nil {
		return nil, nil, err
	}
	h.ops.Sealer = sealer
	h.ops.SSOAllowHTTP = cfg.SSO.AllowHTTP
	h.sso = sso.New(cfg.SSO)
	cfg.API.Ops = h.ops
	cfg.API.BaseURL = h.baseURL
	h.api = api.New(st, h.hasher, cfg.API)
	h.scim = scim.New(st, scim.Config{BaseURL: h.baseURL, Log: cfg.Log, Ops: h.ops})
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = h.handleError
	// The client's address counts against rate limits and lands in the audit
	// trail: an X-Forwarded-For header is believed only from a trusted proxy.
	e.IPExtractor = echo.ExtractIPDirect()
	if len(cfg.TrustedProxies) > 0 {
		opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, n := range cfg.TrustedProxies {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	}
	e.Pre(tenantPath) // /t/<slug>/users is /users acting in <slug>
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true}))
	e.Use(requestID(cfg.TrustedProxies))
	e.Use(h.logRequests)
	e.Use(securityHeaders)
	// 1 MB of avatar and its multipart form; echo counts K as 1,000. An
	// import's upload has its own, larger limit.
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "1100K", Skipper: isImportUpload}))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: importBodyLimit,
		Skipper: func(c echo.Context) bool { return !isImportUpload(c) }}))
	e.Use(h.csrfVisitor)
	e.Use(h.loadSession)
	e.Use(guardInput) // after the session, for the language of its refusals
	e.Use(h.csrfCheck)
	console, apiRoutes := tables(h)
	if err := checkRoutes(console); err != nil {
		return nil, nil, err
	}
	// The API's table passes the same deny-by-default check, before anything
	// is mounted; its routes authenticate with a key, never with the session.
	for _, r := range apiRoutes {
		if err := checkRoutes([]Route{{r.Method, api.Base + r.Path, r.Perm, r.Handler}}); err != nil {
			return nil, nil, err
		}
	}
	for _, r := range console {
		e.Add(r.Method, r.Path, r.Handler, h.forcedChange(r), h.require(r.Perm))
	}
	for _, r := range apiRoutes {
		e.Add(r.Method, api.Base+r.Path, r.Handler, h.api.Require(r.Perm))
	}
	// SCIM routes authenticate with a tenant's SCIM token, never the session.
	h.scim.Mount(e)
	return e, h, nil
}

// checkRoutes refuses a route that declares no permission, or one not in the catalog.
func checkRoutes(routes []Route) error {
	for _, r := range routes {
		if r.Perm == "" {
			return fmt.Errorf("web: route %s %s declares no permission", r.Method, r.Path)
		}
		if r.Perm != auth.Public && r.Perm != auth.SignedIn && !auth.Known(r.Perm) {
			return fmt.Errorf("web: route %s %s names unknown permission %q", r.Method, r.Path, r.Perm)
		}
	}
	return nil
}

// Sessions exposes the session store, for tests that move its clock.
func (h *Handler) Sessions() *auth.SessionStore { return h.sessions }

// API exposes the REST API, for tests that move its clock or walk its routes.
func (h *Handler) API() *api.API { return h.api }

// SCIM exposes the SCIM service provider, for tests that walk its routes.
func (h *Handler) SCIM() *scim.Server { return h.scim }

// Throttles exposes the sign-in throttles (per IP, per account), for tests.
func (h *Handler) Throttles() (*auth.Throttle, *auth.Throttle) { return h.ipLimit, h.acctLim }

// SetClock replaces the clock that dates links, for tests of expiry.
func (h *Handler) SetClock(now func() time.Time) { h.now = now }

// MailThrottles exposes the email-sending limits (per IP, per address), for tests.
func (h *Handler) MailThrottles() (*auth.Throttle, *auth.Throttle) { return h.mailIP, h.mailAddr }

// later runs fn after the response, so its duration tells the client nothing.
func (h *Handler) later(fn func()) {
	h.bg.Add(1)
	go func() {
		defer h.bg.Done()
		fn()
	}()
}

// Wait returns once the work started by later is done: at shutdown, and in
// tests before they read what it wrote.
func (h *Handler) Wait() { h.bg.Wait() }
