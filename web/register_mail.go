package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

func (f registerForm) name() string { return strings.TrimSpace(f.FirstName + " " + f.LastName) }

// noticeKind: with default roles the person gets in once verified; without,
// the notice tells administrators to grant roles under "Pending access".
func noticeKind(set store.Settings) string {
	if len(set.DefaultRoleIDs) > 0 {
		return "registration_default"
	}
	return "registration_wait"
}

// registrationNotices tell every administrator of the tenant about an
// attempt, each in their own language, at their notification address.
func (h *Handler) registrationNotices(r registration, kind string) ([]store.Mail, error) {
	ctx := r.c.Request().Context()
	link := h.baseURL + "/users?" + url.Values{"q": {r.form.Email}, "norole": {"1"}}.Encode()
	if kind == "registration_wait" {
		link = h.baseURL + "/users?access=pending"
	}
	var out []store.Mail
	for _, a := range r.admins {
		m, err := compose(ctx, letter{Kind: kind, To: a.NotifyAddress(), Lang: mailLang(ctx, a), Tenant: r.tenant.Name,
			URL: link, Data: map[string]any{"Name": a.Name(), "Person": r.form.name(), "Email": r.form.Email}})
		if err != nil {
			return nil, err
		}
		m.TenantID = r.tenant.ID
		out = append(out, m)
	}
	return out, nil
}

// existsMail tells an address that already has an account that someone
// tried to register it, pointing to sign-in.
func (h *Handler) existsMail(ctx context.Context, r registration, lang string) (store.Mail, error) {
	m, err := compose(ctx, letter{Kind: "exists", To: r.form.Email, Lang: lang, Tenant: r.tenant.Name,
		URL: h.baseURL + "/signin?tenant=" + url.QueryEscape(r.tenant.Slug)})
	m.TenantID = r.tenant.ID
	return m, err
}

// registrationLogin is the login of a self-registered account: the email, or
// its local part when the email is longer than a login may be (64), with any
// character a login may not hold made a dash.
func registrationLogin(email string) string { return ops.LoginOf(email) }

// withSuffix makes a taken login unique enough: a dash and 6 random hex digits.
func withSuffix(login string) string {
	if r := []rune(login); len(r) > 57 {
		login = string(r[:57])
	}
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return login + "-" + hex.EncodeToString(b)
}
