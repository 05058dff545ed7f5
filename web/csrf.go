package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/web/api"
	"github.com/console-dev/console/web/scim"
)

// keyVisitor holds the pre-session id read or set by csrfVisitor.
const keyVisitor = "csrf_visitor"

// csrfCookieName is where a visitor's pre-session id lives. With Secure
// cookies it carries the __Host- prefix, so neither a sibling host nor a
// plain-HTTP answer can set it; browsers refuse that prefix without Secure,
// so plain HTTP on loopback keeps the bare name.
func (h *Handler) csrfCookieName() string {
	if h.secure {
		return "__Host-console_csrf"
	}
	return "console_csrf"
}

// csrfVisitor gives every visitor a random pre-session id in an HttpOnly
// cookie. It is no token itself: the token is an HMAC of it (signed out) or
// of the session id (signed in), made in loadSession by bindCSRF.
func (h *Handler) csrfVisitor(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if api.IsAPI(c.Request().URL.Path) || scim.IsSCIM(c.Request().URL.Path) {
			return next(c) // a bearer key is no ambient authority: nothing to forge
		}
		if ck, err := c.Cookie(h.csrfCookieName()); err == nil && len(ck.Value) == 43 {
			c.Set(keyVisitor, ck.Value)
		} else {
			h.newVisitor(c)
		}
		return next(c)
	}
}

// newVisitor sets a fresh pre-session id; sign-in calls it too, so the id a
// visitor had before (which whoever planted it knows) ends there.
func (h *Handler) newVisitor(c echo.Context) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	v := base64.RawURLEncoding.EncodeToString(b)
	c.SetCookie(&http.Cookie{Name: h.csrfCookieName(), Value: v, Path: "/", HttpOnly: true,
		Secure: h.secure, SameSite: http.SameSiteLaxMode})
	c.Set(keyVisitor, v)
}

// bindCSRF makes the request's token: an HMAC, under the server's key, of the
// session id when the cookie names a session (live, or just expired so the
// form posted still reaches the sign-in redirect), else of the pre-session
// id. A token made for another session, or a cookie planted to match a
// field, is therefore worth nothing. A new session (sign-in) means a new token.
func (h *Handler) bindCSRF(c echo.Context, sess *sessions.Session) {
	binding := ""
	switch {
	case sess != nil && sess.ID != "":
		binding = "session:" + sess.ID
	case c.Get(keyExpired) != nil:
		if ck, err := c.Cookie(auth.SessionName); err == nil {
			binding = "session:" + ck.Value
		}
	}
	if binding == "" {
		v, _ := c.Get(keyVisitor).(string)
		binding = "visitor:" + v
	}
	m := hmac.New(sha256.New, h.csrfKey)
	m.Write([]byte(binding))
	c.Set(keyCSRF, base64.RawURLEncoding.EncodeToString(m.Sum(nil)))
}

// csrfCheck guards every state-changing request of the console: refused when
// the browser says it comes from another site (Sec-Fetch-Site: cross-site,
// or an Origin that is not the console's), then unless the token bound to
// this session comes back in the X-CSRF-Token header or the _csrf field.
func (h *Handler) csrfCheck(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if api.IsAPI(req.URL.Path) || scim.IsSCIM(req.URL.Path) {
			return next(c)
		}
		switch req.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		refused := &pageError{status: http.StatusForbidden, key: "err_csrf"}
		if req.Header.Get("Sec-Fetch-Site") == "cross-site" {
			return refused
		}
		if origin := req.Header.Get("Origin"); origin != "" && !h.ownOrigin(c, origin) {
			return refused
		}
		token, _ := c.Get(keyCSRF).(string)
		sent := req.Header.Get("X-CSRF-Token")
		if sent == "" {
			sent = c.FormValue("_csrf")
		}
		if token == "" || sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
			return refused
		}
		return next(c)
	}
}

// ownOrigin reports whether origin is the console's: the configured base
// URL's, or the scheme and Host this request came to.
func (h *Handler) ownOrigin(c echo.Context, origin string) bool {
	if h.baseURL != "" {
		if u, err := url.Parse(h.baseURL); err == nil && strings.EqualFold(origin, u.Scheme+"://"+u.Host) {
			return true
		}
	}
	return strings.EqualFold(origin, c.Scheme()+"://"+c.Request().Host)
}
