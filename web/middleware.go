package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/api"
)

// principal is the signed-in account, its tenant and its effective permissions.
type principal struct {
	Account store.Account
	Tenant  store.Tenant
	Perms   auth.Perms
}

const (
	keyPrincipal = "principal"
	keyExpired   = "session_expired"
	keyCSRF      = "csrf"
	keySession   = "session"
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
			attrs = append(attrs, "account_id", p.Account.ID)
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
		if isStatic(req.URL.Path) || api.IsAPI(req.URL.Path) {
			return next(c) // the API reads keys, never the session cookie
		}
		ctx := req.Context()
		sess, err := h.sessions.New(req, auth.SessionName)
		switch {
		case errors.Is(err, auth.ErrSessionExpired):
			c.Set(keyExpired, true)
		case err != nil:
			return err
		}
		h.bindCSRF(c, sess)
		vr := &views.Request{Lang: i18n.Pick("browser", req.Header.Get("Accept-Language")), TZ: time.UTC,
			CSRF: c.Get(keyCSRF).(string), Path: req.URL.Path, Can: func(string) bool { return false }}
		if acct, ok := auth.LoadedAccount(sess); ok && acct.Status == "active" && acct.Kind == "user" {
			p, err := h.principal(ctx, acct)
			if err != nil {
				return err
			}
			c.Set(keyPrincipal, p)
			c.Set(keySession, sess)
			vr.SignedIn = true
			vr.Lang = i18n.Pick(acct.Language, req.Header.Get("Accept-Language"))
			vr.UserName, vr.TenantName = acct.Name(), p.Tenant.Name
			vr.AvatarURL, vr.PasswordForced = avatarURL(auth.LoadedAvatar(sess)), acct.MustChangePassword
			vr.Can = func(perm string) bool { return p.Perms.Has(auth.Permission(perm)) }
			if loc, err := time.LoadLocation(acct.TimeZone); err == nil {
				vr.TZ = loc
			}
		}
		c.SetRequest(req.WithContext(views.WithRequest(ctx, vr)))
		return next(c)
	}
}

func (h *Handler) principal(ctx context.Context, a store.Account) (*principal, error) {
	perms, err := h.store.RolePermissions(ctx, a.TenantID, a.ID, a.UserType == "admin")
	if err != nil {
		return nil, err
	}
	t, err := h.store.Tenant(ctx, a.TenantID)
	if err != nil {
		return nil, err
	}
	return &principal{Account: a, Tenant: t, Perms: auth.Effective(a.UserType, perms)}, nil
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
					q.Set("next", c.Request().URL.RequestURI())
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
