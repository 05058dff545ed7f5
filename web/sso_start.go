package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/sso"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// The sign-in page routes an address to single sign-on by its domain alone
// (store.SSOByDomain), never by whether an account has it, so the page
// answers the same for every address of a domain.

// ssoDomain is the enabled connection the address's domain signs in
// through, if any.
func (h *Handler) ssoDomain(ctx context.Context, email string) (store.SSOConnection, bool, error) {
	_, domain, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@")
	if !ok || domain == "" || len(email) > 254 {
		return store.SSOConnection{}, false, nil
	}
	c, err := h.store.SSOByDomain(ctx, domain)
	if errors.Is(err, store.ErrNotFound) {
		return c, false, nil
	}
	return c, err == nil, err
}

// ssoTenant is the enabled connection of the tenant a sign-in link names
// (/signin?tenant=slug), if any.
func (h *Handler) ssoTenant(ctx context.Context, slug string) (store.Tenant, store.SSOConnection, bool, error) {
	if slug == "" || len(slug) > 64 {
		return store.Tenant{}, store.SSOConnection{}, false, nil
	}
	t, err := h.store.TenantBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return t, store.SSOConnection{}, false, nil
	} else if err != nil {
		return t, store.SSOConnection{}, false, err
	}
	c, err := h.store.SSOConnection(ctx, t.ID)
	if errors.Is(err, store.ErrNotFound) {
		return t, c, false, nil
	}
	return t, c, err == nil && c.Enabled, err
}

// signInMethod is the part of the sign-in page that depends on the
// address typed: asked by htmx as the email field changes, answered only
// when it differs from the one shown.
func (h *Handler) signInMethod(c echo.Context) error {
	conn, ok, err := h.ssoDomain(c.Request().Context(), c.QueryParam("email"))
	if err != nil {
		return err
	}
	m := views.SignInMethod{}
	if ok {
		m.SSO = conn.DisplayName
	}
	if c.QueryParam("shown") == m.Shown() {
		return c.NoContent(http.StatusNoContent) // htmx swaps nothing: a password being typed stays
	}
	return render(c, http.StatusOK, views.SignInMethodBlock(m))
}

// ssoStart sends the browser to the connection's provider (HX-Redirect, or
// a page that moves on: see views.SSOContinuePage): a new attempt
// (random state, nonce and PKCE verifier) is kept on the server, bound to
// this browser's pre-session id, and the provider is asked to sign in.
func (h *Handler) ssoStart(c echo.Context, conn store.SSOConnection, loginHint string, vm views.SignIn) error {
	ctx := c.Request().Context()
	ip := c.RealIP()
	if blocked, wait := h.ssoThrottled(ip); blocked {
		_ = h.ops.Record(ctx, store.Event{TenantID: conn.TenantID, IP: ip, Action: store.ActionSignInThrottled,
			Details: map[string]any{"method": "sso"}})
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
		vm.Error = i18n.T(ctx, "signin_throttled", map[string]any{"Minutes": max(int(math.Ceil(wait.Minutes())), 1)})
		return render(c, http.StatusTooManyRequests, views.SignInPage(vm))
	}
	h.ssoLimit.Fail("ip:" + ip) // every start counts: each keeps a row until it is used or expires
	cfg, err := h.ssoConfig(ctx, conn.TenantID)
	if errors.Is(err, auth.ErrUnseal) {
		return h.ssoFailed(c, conn.TenantID, ssoSecretUnreadable, http.StatusBadGateway, "sso_err_misconfigured", conn.DisplayName)
	} else if err != nil {
		return err
	}
	visitor, _ := c.Get(keyVisitor).(string)
	if visitor == "" {
		h.newVisitor(c)
		visitor, _ = c.Get(keyVisitor).(string)
	}
	state, nonce, verifier := randomToken(), randomToken(), sso.NewVerifier()
	if err := h.ops.StartSSO(ctx, store.SSOAttempt{StateHash: sha256Hex(state), VisitorHash: sha256Hex(visitor),
		TenantID: conn.TenantID, Nonce: nonce, Verifier: verifier, Next: safeNext(vm.Next)}); err != nil {
		return err
	}
	u, err := h.sso.AuthURL(ctx, cfg, state, nonce, verifier, loginHint)
	if err != nil {
		h.log.WarnContext(ctx, "sso provider unreachable", "tenant", conn.TenantID, "err", err)
		_ = h.ops.SSOFailed(ctx, conn.TenantID, sso.Reason(err), ip)
		return h.ssoRefusal(c, http.StatusBadGateway, "ssoin_err_idp_down", conn.DisplayName)
	}
	if isHTMX(c) {
		return redirect(c, u)
	}
	return render(c, http.StatusOK, views.SSOContinuePage(conn.DisplayName, u))
}

// ssoThrottled is the per-IP limit on sign-ins: the password sign-in's
// failures, and how many attempts this address started lately.
func (h *Handler) ssoThrottled(ip string) (bool, time.Duration) {
	if b, w := h.ipLimit.Blocked("ip:" + ip); b {
		return true, w
	}
	return h.ssoLimit.Blocked("ip:" + ip)
}

// ssoConfig is the tenant's connection as the protocol needs it, its
// secret opened.
func (h *Handler) ssoConfig(ctx context.Context, tenantID int64) (sso.Config, error) {
	conn, err := h.ops.SSOClient(ctx, tenantID)
	if errors.Is(err, auth.ErrUnseal) {
		h.log.ErrorContext(ctx, "sso client secret unreadable: was CONSOLE_SECRET_KEY or the key file changed? type the secret again in Settings → Single sign-on",
			"tenant", tenantID)
		return sso.Config{}, err
	} else if err != nil {
		return sso.Config{}, err
	}
	return sso.Config{Issuer: conn.Issuer, ClientID: conn.ClientID, ClientSecret: conn.Secret, Scopes: conn.Scopes,
		RedirectURL: h.baseURL + "/sso/callback", Claim: conn.Claim}, nil
}

// randomToken is 256 random bits, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// signInSSO routes a sign-in to single sign-on: mode "tenant" (the button of
// a link naming a tenant) to that tenant's connection; otherwise by the
// address's domain. done is false when the password sign-in should go on:
// an empty password with an address of no single sign-on domain.
func (h *Handler) signInSSO(c echo.Context, mode, email string, vm views.SignIn) (done bool, err error) {
	ctx := c.Request().Context()
	refuse := func(key string) (bool, error) {
		vm.Error = i18n.T(ctx, key)
		if err := h.signInExtras(ctx, &vm, c.FormValue("tenant")); err != nil {
			return true, err
		}
		return true, render(c, http.StatusUnprocessableEntity, views.SignInPage(vm))
	}
	if mode == "tenant" {
		_, conn, ok, err := h.ssoTenant(ctx, c.FormValue("tenant"))
		if err != nil {
			return true, err
		}
		if !ok {
			return refuse("ssoin_no_tenant_sso")
		}
		return true, h.ssoStart(c, conn, email, vm)
	}
	conn, ok, err := h.ssoDomain(ctx, email)
	switch {
	case err != nil:
		return true, err
	case ok:
		return true, h.ssoStart(c, conn, email, vm)
	case mode == "":
		return false, nil
	case email == "":
		return refuse("ssoin_need_email")
	}
	return refuse("ssoin_no_domain_sso")
}
