package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/sso"
	"github.com/console-dev/console/views"
)

// ssoSettingsTest is Test connection: it reads the discovery document and
// keys of the issuer typed in the form (or the saved one) and says what it
// found. It changes nothing. The issuer is checked by the rules a save
// applies before anything is fetched; what the remote server sent back is
// never shown, only what the console understood of it.
func (h *Handler) ssoSettingsTest(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	f := bindSSOSettings(c)
	saved, exists, err := h.savedSSO(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	want := f.ops()
	if strings.TrimSpace(want.Issuer) == "" && exists {
		want.Issuer, want.Scopes = saved.Issuer, saved.Scopes
	}
	want.Normalize()
	errs := map[string]string{}
	form.Issuer(ctx, errs, "issuer", want.Issuer, h.ops.SSOAllowHTTP)
	var r views.SSOTest
	if msg := errs["issuer"]; msg != "" {
		r.Error = msg
	} else {
		r = h.discover(ctx, want.Issuer, want.Scopes)
	}
	if isHTMX(c) && hxTarget(c) == "sso-test" {
		return render(c, http.StatusOK, views.SSOTestResult(&r))
	}
	vm := h.ssoVM(f.SSOSettings, saved, exists)
	vm.Test = &r
	return page(c, http.StatusOK, views.SSOSettingsPage(vm), views.SSOSettingsBlock(vm))
}

// discover asks the provider and turns its answer, or its failure, into the report.
func (h *Handler) discover(ctx context.Context, issuer string, scopes []string) views.SSOTest {
	d, err := h.sso.Discover(ctx, issuer)
	var mismatch *oidc.IssuerMismatchError
	switch {
	case errors.As(err, &mismatch):
		return views.SSOTest{Error: i18n.T(ctx, "ssoset_test_mismatch", map[string]any{"Found": clipRunes(strings.ToValidUTF8(mismatch.Discovered, "?"), 200)})}
	case err != nil && d.Issuer != "":
		return views.SSOTest{Error: i18n.T(ctx, "ssoset_test_keys")}
	case errors.Is(err, sso.ErrNotHTTPS):
		return views.SSOTest{Error: i18n.T(ctx, "ssoset_test_not_https")}
	case err != nil && isTransport(err):
		return views.SSOTest{Error: i18n.T(ctx, "ssoset_test_unreachable")}
	case err != nil:
		h.log.WarnContext(ctx, "sso test connection", "issuer", issuer, "reason", sso.Reason(err))
		return views.SSOTest{Error: i18n.T(ctx, "ssoset_test_not_oidc", map[string]any{"URL": strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"})}
	}
	r := views.SSOTest{Issuer: d.Issuer, AuthURL: d.AuthURL, TokenURL: d.TokenURL, UserInfoURL: d.UserInfoURL,
		EndSession: d.EndSessionURL, PKCE: d.PKCES256, Keys: d.KeyCount, ScopesKnown: len(d.Scopes) > 0}
	if r.ScopesKnown {
		for _, s := range scopes {
			if !slices.Contains(d.Scopes, s) {
				r.Unsupported = append(r.Unsupported, s)
			}
		}
	}
	return r
}

// isTransport tells a provider that could not be reached (refused, timed
// out, unknown host) from one that answered something else than discovery.
func isTransport(err error) bool {
	var ue interface{ Timeout() bool }
	return errors.As(err, &ue)
}
