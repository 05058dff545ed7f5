package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// caller is who a request acts for: the key and its account's effective
// permissions, computed afresh on every request so a revoked key, a
// deactivated account or a role taken away counts at once.
type caller struct {
	Key     store.APIKey
	Account store.Account
	Perms   auth.Perms
}

const keyCaller = "api_caller"

func who(c echo.Context) *caller {
	cl, _ := c.Get(keyCaller).(*caller)
	return cl
}

// actor is the caller as the audit trail records it; the key travels in the
// request context (store.WithAPIKey) and lands in every event's details.
func actor(c echo.Context) store.Actor {
	cl := who(c)
	return store.Actor{TenantID: cl.Key.TenantID, AccountID: cl.Account.ID, IP: c.RealIP()}
}

// Caller names the account and key a request authenticated with, for the
// request log; zeros before authentication or without a key.
func Caller(c echo.Context) (accountID, keyID int64) {
	if cl := who(c); cl != nil {
		return cl.Account.ID, cl.Key.ID
	}
	return 0, 0
}

// tenant is the tenant the request acts in: its key's, chosen when the key
// was made (the account's home tenant or one it is a member of).
func tenant(c echo.Context) int64 { return who(c).Key.TenantID }

// principal is the caller as the operations take it.
func principal(c echo.Context) ops.Principal {
	cl := who(c)
	return ops.Principal{TenantID: cl.Key.TenantID, HomeTenantID: cl.Account.TenantID, AccountID: cl.Account.ID, IP: c.RealIP(), KeyID: cl.Key.ID,
		Ceiling: cl.Key.Ceiling}
}

// Require authenticates the key and gates the route on perm: 401 for a
// missing, unknown, expired or revoked key, an inactive account or one whose
// password change is forced, 429 past the account's or the address's rate
// or too many failed authentications from the address, 403 without the
// permission. Only the Authorization header counts: cookies are never read,
// so a console session is no API credential.
func (a *API) Require(perm auth.Permission) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := withLanguage(c)
			if perm == auth.Public {
				return next(c)
			}
			cl, err := a.limitedAuthenticate(c, req.Header.Get("Authorization"))
			if err != nil {
				return err
			}
			if perm != auth.SignedIn && !cl.Perms.Has(perm) {
				return problem(http.StatusForbidden, "api_err_forbidden")
			}
			c.Set(keyCaller, cl)
			c.SetRequest(c.Request().WithContext(store.WithAPIKey(c.Request().Context(), cl.Key.ID)))
			return next(c)
		}
	}
}

// WithLanguage is withLanguage for the console's input guard, which answers
// API requests before the API's own middleware runs.
func WithLanguage(c echo.Context) { withLanguage(c) }

// withLanguage puts the translator of the request's Accept-Language in its
// context, so problem details and field errors speak the caller's language.
func withLanguage(c echo.Context) *http.Request {
	req := c.Request()
	req = req.WithContext(i18n.With(req.Context(), i18n.Pick("browser", req.Header.Get("Accept-Language")), time.UTC))
	c.SetRequest(req)
	return req
}

var (
	errNoKey          = problem(http.StatusUnauthorized, "api_err_unauthorized")
	errPasswordForced = problem(http.StatusUnauthorized, "api_err_password_forced")
)

func (a *API) authenticate(ctx context.Context, header string) (*caller, error) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return nil, errNoKey
	}
	publicID, secret, ok := auth.ParseAPIKey(strings.TrimSpace(token))
	if !ok {
		return nil, errNoKey
	}
	h, err := a.store.KeyAuth(ctx, publicID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, errNoKey
	case err != nil:
		return nil, err
	}
	now := a.now()
	if !auth.SecretMatches(secret, h.SecretHash) || h.Key.KeyStatus(now) != "active" || h.Account.Status != "active" ||
		!h.TenantActive {
		return nil, errNoKey
	}
	if h.Account.MustChangePassword {
		// An administrator set a temporary password because something was
		// wrong; the account's keys wait until its person chooses a new one.
		return nil, errPasswordForced
	}
	if now.Sub(h.Key.LastUsedAt) >= time.Minute {
		if err := a.ops.KeyUsed(ctx, h.Key.ID, now); err != nil {
			return nil, err
		}
	}
	return bounded(&caller{Key: h.Key, Account: h.Account,
		Perms: auth.Effective(auth.TypeIn(h.Account.UserType, h.Account.TenantID == h.Key.TenantID), h.Permissions)}), nil
}
