package scim

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// Base is where the SCIM service provider is mounted.
const Base = "/scim/v2"

// IsSCIM reports whether a request path belongs to the SCIM service provider.
func IsSCIM(path string) bool {
	return path == Base || strings.HasPrefix(path, Base+"/")
}

// MediaType is what every SCIM answer is (RFC 7644 §3.1).
const MediaType = "application/scim+json"

// Config is what the SCIM server needs from the console.
type Config struct {
	// BaseURL is the console's public address without a trailing slash;
	// meta.location is BaseURL + Base + "/Users/{id}".
	BaseURL string
	Log     *slog.Logger
	Ops     *ops.Ops
}

// Server answers the SCIM endpoints of every tenant; the token names the tenant.
type Server struct {
	store   *store.Store
	ops     *ops.Ops
	baseURL string
	log     *slog.Logger
	// fails counts failed authentications per client address.
	fails *auth.Throttle
}

// Failed authentications allowed per client address and window before 429.
const (
	maxAuthFails   = 20
	authFailWindow = 15 * time.Minute
)

// New builds the server over st, changing through cfg.Ops.
func New(st *store.Store, cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Server{store: st, ops: cfg.Ops, baseURL: strings.TrimRight(cfg.BaseURL, "/"), log: cfg.Log,
		fails: auth.NewThrottle(st, "scim-auth", maxAuthFails, authFailWindow)}
}

// Throttle exposes the failed-authentication limit, for tests.
func (s *Server) Throttle() *auth.Throttle { return s.fails }

// Route is one SCIM endpoint. Every route requires a live SCIM token of the
// tenant it acts in: Perm is always "scim-token", listed with the console's
// and the API's routes so the reviewed table shows it.
type Route struct {
	Method  string
	Path    string // under Base
	Perm    string
	Handler echo.HandlerFunc
}

// TokenPerm is the one permission a SCIM route requires: a live SCIM token.
const TokenPerm = "scim-token"

// Routes is the SCIM route table.
func (s *Server) Routes() []Route {
	r := func(method, path string, h echo.HandlerFunc) Route {
		return Route{Method: method, Path: path, Perm: TokenPerm, Handler: h}
	}
	return []Route{
		r(http.MethodGet, "/ServiceProviderConfig", s.serviceProviderConfig),
		r(http.MethodGet, "/ResourceTypes", s.resourceTypes),
		r(http.MethodGet, "/ResourceTypes/:name", s.resourceType),
		r(http.MethodGet, "/Schemas", s.schemas),
		r(http.MethodGet, "/Schemas/:urn", s.schema),
		r(http.MethodGet, "/Users", s.listUsers),
		r(http.MethodPost, "/Users", s.createUser),
		r(http.MethodGet, "/Users/:id", s.getUser),
		r(http.MethodPut, "/Users/:id", s.replaceUser),
		r(http.MethodPatch, "/Users/:id", s.patchUser),
		r(http.MethodDelete, "/Users/:id", s.deleteUser),
		r(http.MethodGet, "/Groups", s.listGroups),
		r(http.MethodPost, "/Groups", s.createGroup),
		r(http.MethodGet, "/Groups/:id", s.getGroup),
		r(http.MethodPut, "/Groups/:id", s.replaceGroup),
		r(http.MethodPatch, "/Groups/:id", s.patchGroup),
		r(http.MethodDelete, "/Groups/:id", s.deleteGroup),
	}
}

// Mount adds the routes to e under Base, each behind the token check.
func (s *Server) Mount(e *echo.Echo) {
	for _, r := range s.Routes() {
		e.Add(r.Method, Base+r.Path, r.Handler, s.authenticate)
	}
}
