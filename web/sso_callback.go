package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/slug"
	"github.com/console-dev/console/sso"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// Why a callback signs nobody in before any account is decided: the audit
// reasons the console adds to the provider's and the operations'.
const (
	ssoBadState     = "bad_state"     // no attempt has this state: unknown, expired or already used
	ssoOtherBrowser = "other_browser" // the attempt was started by another browser (login CSRF)
	ssoIdPDenied    = "idp_denied"    // the provider answered error=access_denied (or login/consent required)
	ssoIdPError     = "idp_error"     // the provider answered another error
	ssoNoCode       = "no_code"
	// The client secret does not open under this console's secret key
	// (CONSOLE_SECRET_KEY or the key file changed): the operator's to fix.
	ssoSecretUnreadable = "secret_unreadable"
)

// ssoCallback is where the provider sends the browser back: the attempt of
// the state is used up (a replay finds nothing), must be this browser's,
// the code is exchanged and the ID token verified, then the operations
// decide which account signs in.
func (h *Handler) ssoCallback(c echo.Context) error {
	ctx := c.Request().Context()
	ip := c.RealIP()
	q := c.Request().URL.Query()
	state := q.Get("state")
	if state == "" || len(state) > 512 {
		return h.ssoFailed(c, 0, ssoBadState, http.StatusBadRequest, "ssoin_err_state", "")
	}
	att, err := h.ops.TakeSSO(ctx, sha256Hex(state))
	if errors.Is(err, store.ErrNotFound) {
		return h.ssoFailed(c, 0, ssoBadState, http.StatusBadRequest, "ssoin_err_state", "")
	} else if err != nil {
		return err
	}
	conn, err := h.store.SSOConnection(ctx, att.TenantID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !conn.Enabled) {
		return h.ssoFailed(c, att.TenantID, ops.SSODisabled, http.StatusForbidden, "ssoin_err_connection_disabled", conn.DisplayName)
	} else if err != nil {
		return err
	}
	visitor, _ := c.Get(keyVisitor).(string)
	if visitor == "" || subtle.ConstantTimeCompare([]byte(sha256Hex(visitor)), []byte(att.VisitorHash)) != 1 {
		return h.ssoFailed(c, att.TenantID, ssoOtherBrowser, http.StatusForbidden, "ssoin_err_other_browser", conn.DisplayName)
	}
	if e := q.Get("error"); e != "" {
		switch e {
		case "access_denied", "login_required", "consent_required", "interaction_required", "account_selection_required":
			return h.ssoFailed(c, att.TenantID, ssoIdPDenied, http.StatusForbidden, "ssoin_err_idp_denied", conn.DisplayName)
		}
		return h.ssoFailed(c, att.TenantID, ssoIdPError, http.StatusBadGateway, "ssoin_err_idp_error", conn.DisplayName)
	}
	code := q.Get("code")
	if code == "" || len(code) > 4096 {
		return h.ssoFailed(c, att.TenantID, ssoNoCode, http.StatusBadRequest, "ssoin_err_state", conn.DisplayName)
	}
	cfg, err := h.ssoConfig(ctx, att.TenantID)
	if errors.Is(err, auth.ErrUnseal) {
		return h.ssoFailed(c, att.TenantID, ssoSecretUnreadable, http.StatusBadGateway, "sso_err_misconfigured", conn.DisplayName)
	} else if err != nil {
		return err
	}
	id, err := h.sso.Finish(ctx, cfg, code, att.Verifier, att.Nonce)
	if err != nil {
		reason := sso.Reason(err)
		h.log.WarnContext(ctx, "sso sign-in failed", "tenant", att.TenantID, "reason", reason, "err", err)
		switch reason {
		case sso.BadToken, sso.Expired, sso.BadNonce:
			return h.ssoFailed(c, att.TenantID, reason, http.StatusForbidden, "ssoin_err_bad_token", conn.DisplayName)
		}
		return h.ssoFailed(c, att.TenantID, reason, http.StatusBadGateway, "ssoin_err_idp_down", conn.DisplayName)
	}
	acct, err := h.ops.SSOSignIn(ctx, ops.SSOLogin{TenantID: att.TenantID, Issuer: id.Issuer, Subject: id.Subject,
		Value: id.Value, Claim: cfg.Claim, EmailVerified: id.EmailVerified, FirstName: id.FirstName, LastName: id.LastName, IP: ip})
	var refused *ops.SSORefusal
	if errors.As(err, &refused) {
		return h.ssoRefusal(c, http.StatusForbidden, refusalKey(refused.Reason), conn.DisplayName)
	} else if err != nil {
		return err
	}
	if err := h.beginSession(c, acct, att.TenantID); err != nil {
		return err
	}
	return redirect(c, safeNext(att.Next))
}

// refusalKeys are the messages of the operations' refusals.
var refusalKeys = map[string]string{
	store.SSONoAccount: "ssoin_err_no_account", store.SSOPasswordAccount: "ssoin_err_password_account",
	store.SSOServiceAccount: "ssoin_err_service_account", store.SSOBoundElsewhere: "ssoin_err_bound_elsewhere",
	store.SSOPending: "ssoin_err_pending", store.SSODeactivated: "ssoin_err_deactivated", store.SSOEmailTaken: "ssoin_err_email_taken",
	ops.SSODisabled: "ssoin_err_connection_disabled", ops.SSOUnverified: "ssoin_err_email_unverified",
	ops.SSOOtherDomain: "ssoin_err_other_domain", ops.SSOTenantBlocked: "err_tenant_blocked",
}

func refusalKey(reason string) string {
	if k, ok := refusalKeys[reason]; ok {
		return k
	}
	return "ssoin_err_refused"
}

// ssoFailed audits a failure no operation decided, then says it.
func (h *Handler) ssoFailed(c echo.Context, tenantID int64, reason string, status int, key, provider string) error {
	if err := h.ops.SSOFailed(c.Request().Context(), tenantID, reason, c.RealIP()); err != nil {
		return err
	}
	return h.ssoRefusal(c, status, key, provider)
}

// ssoRefusal is the page of a sign-in through a provider that did not
// sign anyone in, in the visitor's language, with the way back.
func (h *Handler) ssoRefusal(c echo.Context, status int, key, provider string) error {
	ctx := c.Request().Context()
	if provider == "" {
		provider = i18n.T(ctx, "ssoin_the_provider")
	}
	title := i18n.T(ctx, "ssoin_refused_title")
	if status >= 500 {
		title = i18n.T(ctx, "ssoin_down_title")
	}
	return render(c, status, views.SSORefusedPage(title, i18n.T(ctx, key, map[string]any{"Provider": provider})))
}

// signedOutOf fills the sign-in page shown after signing out of a single
// sign-on session: the provider's end-session link when it has one.
func (h *Handler) signedOutOf(ctx context.Context, vm *views.SignIn, tenant string) {
	vm.SignedOut = true
	if !slug.Valid(tenant) {
		return
	}
	t, err := h.store.TenantBySlug(ctx, tenant)
	if err != nil {
		return
	}
	conn, err := h.store.SSOConnection(ctx, t.ID)
	if err != nil || !conn.Enabled {
		return
	}
	u, err := h.sso.EndSessionURL(ctx, sso.Config{Issuer: conn.Issuer, ClientID: conn.ClientID}, h.baseURL+"/signin")
	if err != nil {
		h.log.WarnContext(ctx, "sso end-session endpoint unknown", "tenant", t.ID, "err", err)
		return
	}
	vm.SignedOutOf, vm.EndSessionURL = conn.DisplayName, u
}
