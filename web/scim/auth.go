package scim

import (
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

const keyPrincipal = "scim_principal"

// principal is the identity provider the request authenticated as.
func principal(c echo.Context) ops.Principal {
	p, _ := c.Get(keyPrincipal).(ops.Principal)
	return p
}

// Caller names the SCIM token a request authenticated with, for the request
// log; 0 before authentication.
func Caller(c echo.Context) (tenantID, tokenID int64) {
	p := principal(c)
	return p.TenantID, p.SCIMTokenID
}

var (
	errUnauthorized = &Error{Status: http.StatusUnauthorized,
		Detail: "A valid SCIM bearer token (Authorization: Bearer cst_...) is required."}
	errOff = &Error{Status: http.StatusForbidden,
		Detail: "SCIM provisioning is off for this tenant: switch its provisioning mode to external in Settings → Provisioning."}
)

// authenticate checks the bearer SCIM token: 401 for a missing, unknown,
// wrong or revoked token or one of a deactivated tenant, 403 when its
// tenant is in console mode, 429 for a failing one once the address failed
// too often. The
// request then acts as the tenant's identity provider.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		ctx := i18n.With(req.Context(), "en", time.UTC)
		addr := c.RealIP()
		// A live token passes even from an address others failed from (the
		// egress of a provider serving many tenants): its secret is 160
		// random bits, which no guessing reaches; the limit stops the noise.
		h, err := s.token(c, req.Header.Get(echo.HeaderAuthorization))
		if errors.Is(err, errUnauthorized) {
			if over, wait := s.fails.Blocked(addr); over {
				c.Response().Header().Set("Retry-After", retryAfter(wait))
				return &Error{Status: http.StatusTooManyRequests, Detail: "Too many failed authentications from this address; try again later."}
			}
			s.fails.Fail(addr)
		}
		if err != nil {
			return err
		}
		if err := checkQuery(c); err != nil {
			return err
		}
		now := time.Now()
		if now.Sub(h.Token.LastUsedAt) >= time.Minute {
			if err := s.ops.SCIMTokenUsed(ctx, h.Token.ID, now); err != nil {
				s.log.WarnContext(ctx, "scim token last used not written", "err", err)
			}
		}
		c.Set(keyPrincipal, ops.Provider(h.Token.TenantID, h.Token.ID, addr))
		c.SetRequest(req.WithContext(store.WithSCIMToken(ctx, h.Token.ID)))
		return next(c)
	}
}

// token finds the live token the Authorization header carries.
func (s *Server) token(c echo.Context, header string) (store.SCIMTokenHolder, error) {
	ctx := c.Request().Context()
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return store.SCIMTokenHolder{}, errUnauthorized
	}
	publicID, secret, ok := auth.ParseSCIMToken(strings.TrimSpace(token))
	if !ok {
		return store.SCIMTokenHolder{}, errUnauthorized
	}
	h, err := s.store.SCIMTokenAuth(ctx, publicID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return h, errUnauthorized
	case err != nil:
		return h, err
	case !auth.SecretMatches(secret, h.SecretHash), !h.Token.RevokedAt.IsZero():
		return h, errUnauthorized
	case h.Live:
		return h, nil
	}
	p, err := s.store.Provisioning(ctx, h.Token.TenantID)
	if err != nil {
		return h, err
	}
	if p.Mode != store.ProvisioningExternal {
		return h, errOff
	}
	return h, errUnauthorized // the tenant is deactivated
}

// checkQuery refuses a query string that is not UTF-8.
func checkQuery(c echo.Context) error {
	for k, vs := range c.QueryParams() {
		if !utf8.ValidString(k) {
			return badRequest("invalidSyntax", "The query string is not UTF-8.")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return badRequest("invalidSyntax", "The query parameter "+k+" is not UTF-8.")
			}
		}
	}
	return nil
}

func retryAfter(d time.Duration) string {
	secs := int(d.Seconds()) + 1
	return itoa(int64(secs))
}
