package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// signInForm shows the sign-in page, in the browser's language.
func (h *Handler) signInForm(c echo.Context) error {
	next := safeNext(c.QueryParam("next"))
	if who(c) != nil {
		return redirect(c, next)
	}
	ctx := c.Request().Context()
	vm := views.SignIn{Next: next}
	if err := h.signInExtras(ctx, &vm, c.QueryParam("tenant")); err != nil {
		return err
	}
	if c.QueryParam("expired") == "1" {
		vm.Notice = i18n.T(ctx, "signin_expired")
	}
	if slug := c.QueryParam("signed_out"); slug != "" {
		// Anyone may open this link: the provider's discovery it may read
		// counts against the address's sign-in starts and waits 3 s at most.
		vm.SignedOut = true
		if blocked, _ := h.ssoThrottled(c.RealIP()); !blocked {
			h.ssoLimit.Fail("ip:" + c.RealIP())
			tctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			h.signedOutOf(tctx, &vm, slug)
			cancel()
		}
	}
	return render(c, http.StatusOK, views.SignInPage(vm))
}

// signInExtras adds what a sign-in link naming a tenant offers: "Create an
// account" when it takes registrations, "Sign in with <provider>" when it
// has an enabled single sign-on connection.
func (h *Handler) signInExtras(ctx context.Context, vm *views.SignIn, slug string) error {
	if err := h.offerRegistration(ctx, vm, slug); err != nil {
		return err
	}
	t, conn, ok, err := h.ssoTenant(ctx, slug)
	if err != nil || !ok {
		return err
	}
	vm.Tenant, vm.TenantSSO = t.Slug, conn.DisplayName
	return nil
}

// signIn checks the credentials. Every refusal looks and takes the same: one
// message for a wrong email, a wrong password, or an account that may not sign
// in, and a password hash computed even when no account matches.
func (h *Handler) signIn(c echo.Context) error {
	ctx := c.Request().Context()
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	password := c.FormValue("password")
	vm := views.SignIn{Email: email, Next: safeNext(c.FormValue("next"))}
	if len(email) > 254 || len(password) > 1024 {
		email, password = "", "" // nothing that long matches; still costs a hash below
	}
	if mode := c.FormValue("sso"); mode != "" || password == "" {
		if done, err := h.signInSSO(c, mode, email, vm); done {
			return err
		}
	}
	ip := c.RealIP()
	ipKey, acctKey := "ip:"+ip, "acct:"+email
	// The attempt counts against both limits before the password is
	// checked, so guesses sent at once cannot all pass; it is given back
	// when it succeeds.
	giveBack, wait, err := h.takeAttempt(ipKey, acctKey)
	if err != nil {
		h.log.Error("sign-in throttle", "err", err)
		return echo.NewHTTPError(http.StatusServiceUnavailable) // never an unthrottled guess
	}
	if giveBack == nil {
		_ = h.ops.Record(ctx, store.Event{IP: ip, Action: store.ActionSignInThrottled, Details: map[string]any{"email": email}})
		minutes := int(math.Ceil(wait.Minutes()))
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
		vm.Error = i18n.T(ctx, "signin_throttled", map[string]any{"Minutes": max(minutes, 1)})
		return render(c, http.StatusTooManyRequests, views.SignInPage(vm))
	}
	acct, known, err := h.authenticate(ctx, email, password)
	if err != nil {
		giveBack() // no guess was judged
		return err
	}
	if acct == nil { // the counted attempt stays as the failure
		// A failure on a known account lands in its tenant's audit trail.
		ev := store.Event{IP: ip, Action: store.ActionSignInFailure, Details: map[string]any{"email": email}}
		if known != nil {
			ev.TenantID, ev.TargetType, ev.TargetID = known.TenantID, "account", known.ID
		}
		_ = h.ops.Record(ctx, ev)
		vm.Error = i18n.T(ctx, "signin_failed")
		vm.Method.FocusPassword = true
		if err := h.signInExtras(ctx, &vm, c.FormValue("tenant")); err != nil {
			return err
		}
		return render(c, http.StatusUnauthorized, views.SignInPage(vm))
	}
	giveBack()
	h.acctLim.Reset(acctKey)
	if home, err := h.store.Tenant(ctx, acct.TenantID); err != nil {
		return err
	} else if home.Blocked {
		// The right password, but the organisation is deactivated: said
		// plainly (only to whoever knows the password), and audited.
		_ = h.ops.Record(ctx, store.Event{TenantID: acct.TenantID, IP: ip, Action: store.ActionSignInFailure,
			TargetType: "account", TargetID: acct.ID, Details: map[string]any{"email": email, "reason": "tenant_blocked"}})
		vm.Error = i18n.T(ctx, "err_tenant_blocked")
		return render(c, http.StatusForbidden, views.SignInPage(vm))
	}
	if err := h.startSession(c, *acct); err != nil {
		return err
	}
	return redirect(c, vm.Next)
}

// startSession signs acct in: a new session (rotated id), its activity
// noted and the sign-in audited. Sign-in and a confirmed registration share it.
func (h *Handler) startSession(c echo.Context, acct store.Account) error {
	return h.beginSession(c, acct, 0)
}

// keySSOTenant is the session value naming the tenant whose provider signed
// the session in (absent for a password sign-in): sign-out offers that
// provider's sign-out.
const keySSOTenant = "sso_tenant"

// beginSession is startSession for a sign-in through ssoTenant's provider
// (0: none).
func (h *Handler) beginSession(c echo.Context, acct store.Account, ssoTenant int64) error {
	ctx := c.Request().Context()
	if err := h.ops.SignedIn(ctx, acct.ID, h.now()); err != nil {
		return err
	}
	sess, err := h.sessions.Start(c.Request(), c.Response(), acct.ID)
	if err != nil {
		return err
	}
	var details map[string]any
	if ssoTenant != 0 {
		sess.Values[keySSOTenant] = strconv.FormatInt(ssoTenant, 10)
		if err := h.sessions.Save(c.Request(), c.Response(), sess); err != nil {
			return err
		}
		details = map[string]any{"method": "sso"}
	}
	h.newVisitor(c) // the new session binds a new CSRF token; the old pre-session id goes too
	_ = h.ops.Record(ctx, store.Event{TenantID: acct.TenantID, ActorID: acct.ID, IP: c.RealIP(), Action: store.ActionSignInSuccess,
		TargetType: "account", TargetID: acct.ID, Details: details})
	return nil
}

// takeAttempt counts a sign-in attempt against the per-IP limit, then the
// per-account one: giveBack nil (and how long to wait) when either is full.
func (h *Handler) takeAttempt(ipKey, acctKey string) (giveBack func(), wait time.Duration, err error) {
	ok, wait, ipBack, err := h.ipLimit.Take(ipKey)
	if err != nil || !ok {
		return nil, wait, err
	}
	ok, wait, acctBack, err := h.acctLim.Take(acctKey)
	if err != nil || !ok {
		ipBack()
		return nil, wait, err
	}
	return func() { ipBack(); acctBack() }, 0, nil
}

// authenticate returns the active password account matching email and
// password, or nil with the first account that has this email, if any. It
// always verifies at least one hash, so unknown emails take as long.
func (h *Handler) authenticate(ctx context.Context, email, password string) (found, known *store.Account, err error) {
	var candidates []store.Account
	if email != "" {
		if candidates, err = h.store.SignInCandidates(ctx, email); err != nil {
			return nil, nil, err
		}
	}
	if len(candidates) == 0 {
		_, err := h.hasher.Verify(ctx, "", password)
		return nil, nil, err
	}
	for _, a := range candidates {
		ok, err := h.hasher.Verify(ctx, a.PasswordHash, password)
		if err != nil {
			return nil, nil, err
		}
		if ok && found == nil && a.Status == "active" && a.AuthMethod == "password" {
			found = &a
		}
	}
	return found, &candidates[0], nil
}

// safeNext keeps only local paths, so a sign-in link cannot send people elsewhere.
// Browsers drop tabs and newlines from a URL and read a backslash as a
// slash, so "/\t/evil.example" is "//evil.example": any of them, anywhere, is refused.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "/signin") || len(next) > 2000 ||
		strings.ContainsAny(next, "\\") || strings.IndexFunc(next, unicode.IsControl) >= 0 {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return next
}

// signOut ends the session on the server. After a single sign-on, the
// sign-in page then offers the provider's own sign-out too (its
// end-session endpoint), which the console cannot do for the visitor: the
// provider's session lives in its own cookies.
func (h *Handler) signOut(c echo.Context) error {
	p := who(c)
	sess, ok := c.Get(keySession).(*sessions.Session)
	if !ok {
		return errors.New("web: sign out without a session")
	}
	ssoTenant, _ := sess.Values[keySSOTenant].(string)
	if err := h.sessions.End(c.Request(), c.Response(), sess); err != nil {
		return err
	}
	ctx := c.Request().Context()
	_ = h.ops.Record(ctx, store.Event{TenantID: p.Account.TenantID, ActorID: p.Account.ID,
		IP: c.RealIP(), Action: store.ActionSignOut, TargetType: "account", TargetID: p.Account.ID})
	if id, err := strconv.ParseInt(ssoTenant, 10, 64); err == nil {
		if t, err := h.store.Tenant(ctx, id); err == nil {
			return redirect(c, "/signin?"+url.Values{"signed_out": {t.Slug}}.Encode())
		}
	}
	return redirect(c, "/signin")
}
