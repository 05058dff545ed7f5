package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/api"
	"github.com/console-dev/console/web/scim"
)

// principal is the signed-in account, the tenant it acts in (its home
// tenant, or one it is a member of) and its effective permissions there.
type principal struct {
	Account store.Account
	Tenant  store.Tenant
	Perms   auth.Perms
	// Others: it may act in another tenant too (the switcher shows).
	Others bool
	// homeName, homeSlug name its home tenant, for pages acting elsewhere.
	homeName, homeSlug string
	// Customers: tenants sit below the one acted in.
	Customers bool
}

// home reports whether p acts in its home tenant.
func (p *principal) home() bool { return p.Tenant.ID == p.Account.TenantID }

// admin reports whether p is an Admin where it acts: the type holds at home only.
func (p *principal) admin() bool { return auth.TypeIn(p.Account.UserType, p.home()) == "admin" }

const (
	keyPrincipal = "principal"
	keyExpired   = "session_expired"
	keyCSRF      = "csrf"
	keySession   = "session"
	// keySlug is the tenant slug of the request's /t/<slug>/ prefix, if any;
	// keyRequestURI the path and query before the prefix was taken off.
	keySlug       = "tenant_slug"
	keyRequestURI = "request_uri"
)

func who(c echo.Context) *principal {
	p, _ := c.Get(keyPrincipal).(*principal)
	return p
}

func (h *Handler) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		req, res := c.Request(), c.Response()
		attrs := []any{"request_id", res.Header().Get(echo.HeaderXRequestID), "method", req.Method,
			"path", loggedPath(c), "status", res.Status, "duration_ms", time.Since(start).Milliseconds(), "ip", c.RealIP()}
		if p := who(c); p != nil {
			attrs = append(attrs, "account_id", p.Account.ID, "tenant_id", p.Tenant.ID)
		} else if acct, key := api.Caller(c); acct != 0 {
			attrs = append(attrs, "account_id", acct, "api_key_id", key)
		}
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		h.log.Log(req.Context(), level, "request", attrs...)
		return nil
	}
}

func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		hd := c.Response().Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cache-Control", "no-store")
		return next(c)
	}
}

// loadSession finds the signed-in account, computes its permissions and puts
// what the views need into the request context.
func (h *Handler) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if isStatic(req.URL.Path) || api.IsAPI(req.URL.Path) || scim.IsSCIM(req.URL.Path) {
			return next(c) // the API and SCIM read tokens, never the session cookie
		}
		ctx := req.Context()
		sess, err := h.sessions.Load(req, auth.SessionName, slugOf(c))
		switch {
		case errors.Is(err, auth.ErrSessionExpired):
			c.Set(keyExpired, true)
		case err != nil:
			return err
		}
		h.bindCSRF(c, sess)
		vr := &views.Request{Lang: i18n.Pick("browser", req.Header.Get("Accept-Language")), TZ: time.UTC,
			CSRF: c.Get(keyCSRF).(string), Path: req.URL.Path, Can: func(string) bool { return false }}
		var refused error
		if acct, ok := auth.LoadedAccount(sess); ok && acct.Status == "active" && acct.Kind == "user" {
			p, err := principalOf(sess, slugOf(c))
			switch {
			case errors.Is(err, errNoTenant):
				// Not a tenant this person may act in: as if it did not exist.
				refused = &pageError{status: http.StatusNotFound, key: "err_not_found"}
				vr.SignedIn, vr.UserName = true, acct.Name()
				vr.Lang = i18n.Pick(acct.Language, req.Header.Get("Accept-Language"))
			case errors.Is(err, errBlocked):
				// The home tenant is deactivated: signed out, whatever the session says.
				p = nil
			case err != nil:
				return err
			}
			if p != nil {
				h.signedIn(c, sess, vr, p, acct)
			}
		}
		c.SetRequest(req.WithContext(views.WithRequest(ctx, vr)))
		if refused != nil {
			return refused
		}
		return next(c)
	}
}

var (
	errNoTenant = errors.New("web: no such tenant for this account")
	errBlocked  = errors.New("web: home tenant deactivated")
)

// principalOf is the session's account acting in the tenant with slug, or
// in its home tenant when slug is "", as the session's one statement read
// it: errNoTenant when it may not act there (not its home, not a member, or
// deactivated), errBlocked when its home tenant is deactivated.
func principalOf(sess *sessions.Session, slug string) (*principal, error) {
	in, ok := auth.LoadedIn(sess, slug)
	if !ok {
		return nil, errors.New("web: the session was loaded for another tenant")
	}
	a, act := in.Account, in.Acting
	if !in.Allowed {
		return nil, errNoTenant
	}
	if !act.Active {
		if act.Home || slug == "" {
			return nil, errBlocked
		}
		return nil, errNoTenant
	}
	return &principal{Account: a, Tenant: act.Tenant, Others: act.Others, homeName: act.HomeName, homeSlug: act.HomeSlug,
		Customers: act.Customers,
		Perms:     auth.Effective(auth.TypeIn(a.UserType, act.Home), in.Perms)}, nil
}

// signedIn puts the principal and what the views need in the request.
func (h *Handler) signedIn(c echo.Context, sess *sessions.Session, vr *views.Request, p *principal, acct store.Account) {
	req := c.Request()
	c.Set(keyPrincipal, p)
	c.Set(keySession, sess)
	vr.SignedIn = true
	vr.Lang = i18n.Pick(acct.Language, req.Header.Get("Accept-Language"))
	vr.UserName, vr.TenantName, vr.TenantSlug, vr.Switcher = acct.Name(), p.Tenant.Name, p.Tenant.Slug, p.Others
	vr.TenantZone = p.Tenant.TimeZone
	if !p.home() {
		vr.HomeName, vr.HomeSlug = p.homeName, p.homeSlug
	}
	vr.AvatarURL, vr.PasswordForced = avatarURL(auth.LoadedAvatar(sess)), acct.MustChangePassword
	vr.Can = func(perm string) bool { return p.Perms.Has(auth.Permission(perm)) }
	tz := acct.TimeZone
	if tz == "" {
		tz = p.Tenant.TimeZone // who chose none has the tenant's
	}
	if loc, err := time.LoadLocation(tz); err == nil {
		vr.TZ = loc
	}
	tenantHeaders(c, p.Tenant.Slug)
}

// require gates a route on its declared permission. Without a session the
// visitor goes to sign-in and comes back afterwards.
func (h *Handler) require(perm auth.Permission) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if perm == auth.Public {
				return next(c)
			}
			p := who(c)
			if p == nil {
				target := "/signin"
				q := url.Values{}
				if c.Request().Method == http.MethodGet {
					q.Set("next", requestURI(c))
				}
				if c.Get(keyExpired) != nil {
					q.Set("expired", "1")
				}
				if len(q) > 0 {
					target += "?" + q.Encode()
				}
				if isHTMX(c) {
					c.Response().Header().Set("HX-Redirect", target)
					return c.NoContent(http.StatusUnauthorized)
				}
				return c.Redirect(http.StatusSeeOther, target)
			}
			if perm != auth.SignedIn && !p.Perms.Has(perm) {
				return &pageError{status: http.StatusForbidden, key: "err_forbidden"}
			}
			return next(c)
		}
	}
}

func isStatic(path string) bool { return len(path) >= 8 && path[:8] == "/static/" }

// loggedPath is the request's path for the log, with one-time link tokens
// masked: whoever reads the log must not be able to use someone's link.
func loggedPath(c echo.Context) string {
	if route := c.Path(); strings.Contains(route, ":token") {
		return route
	}
	return c.Request().URL.Path
}
