// Package api serves the JSON REST API v1 under /api/v1: API-key
// authentication, one route table with the permission of each route, RFC 9457
// problem details, and the OpenAPI document that describes the table.
package api

import (
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// Base is where the API lives; the console's cookie, session and CSRF
// middleware stand aside for every path under it.
const Base = "/api/v1"

// Config is the API's part of the server configuration.
type Config struct {
	// RatePerSecond and Burst bound each account's requests, whichever of its
	// keys it uses (a token bucket kept in the database, shared by every process); past them the
	// API answers 429 with Retry-After.
	RatePerSecond float64
	Burst         int
	// AddressRatePerSecond and AddressBurst bound each client address (as
	// c.RealIP sees it), whatever accounts it calls as; 4× the account's by default.
	AddressRatePerSecond float64
	AddressBurst         int
	// FailuresPerMinute bounds failed authentications (no key, a malformed,
	// unknown or wrong one) per client address; 10 by default. Past it the
	// address gets 429 before its keys are even looked up.
	FailuresPerMinute int
	// MaxKeysPerAccount caps an account's active keys; 50 when zero.
	MaxKeysPerAccount int
	Log               *slog.Logger
	// Ops is the rulebook every state change goes through, shared with the console.
	Ops *ops.Ops
	// BaseURL is the console's public address, where the SSO redirect URI lives.
	BaseURL string
}

// API holds what the API handlers need.
type API struct {
	store  *store.Store
	hasher *auth.Hasher
	limits *limiter // per account
	byAddr *limiter // per client address
	fails  *limiter // failed authentications per client address
	ops    *ops.Ops
	log    *slog.Logger
	now    func() time.Time
	base   string
}

// New builds the API over the console's store and password hasher.
func New(st *store.Store, hasher *auth.Hasher, cfg Config) *API {
	if cfg.RatePerSecond <= 0 {
		cfg.RatePerSecond = 20
	}
	if cfg.Burst <= 0 {
		cfg.Burst = 100
	}
	if cfg.AddressRatePerSecond <= 0 {
		cfg.AddressRatePerSecond = 4 * cfg.RatePerSecond
	}
	if cfg.AddressBurst <= 0 {
		cfg.AddressBurst = 4 * cfg.Burst
	}
	if cfg.FailuresPerMinute <= 0 {
		cfg.FailuresPerMinute = 10
	}
	if cfg.MaxKeysPerAccount <= 0 {
		cfg.MaxKeysPerAccount = 50
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	a := &API{store: st, hasher: hasher, ops: cfg.Ops, log: cfg.Log, now: time.Now, base: cfg.BaseURL}
	clock := func() time.Time { return a.now() }
	a.limits = newLimiter(st, "api-account", cfg.RatePerSecond, cfg.Burst, clock)
	a.byAddr = newLimiter(st, "api-address", cfg.AddressRatePerSecond, cfg.AddressBurst, clock)
	a.fails = newLimiter(st, "api-auth-fail", float64(cfg.FailuresPerMinute)/60, cfg.FailuresPerMinute, clock)
	return a
}

// SetClock replaces the clock (key expiry, last used, rate limit), for tests.
func (a *API) SetClock(now func() time.Time) { a.now = now }

// Route is one entry of the API's route table; Path is relative to Base.
type Route struct {
	Method  string
	Path    string
	Perm    auth.Permission
	Handler echo.HandlerFunc
}

// IsAPI reports whether a request path belongs to the API.
func IsAPI(path string) bool { return len(path) >= len(Base) && path[:len(Base)] == Base }
