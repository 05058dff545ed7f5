package web

import (
	"context"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// letter is an email about to be queued: its kind names its catalog keys
// (mail_<kind>_subject, _greeting, _body, _action, _after).
type letter struct {
	Kind   string
	To     string
	Lang   string // en or fr; anything else falls back to English
	Tenant string
	Data   map[string]any // placeholders of every line
	URL    string         // the action's link; "" for none
}

// compose renders a letter in its recipient's language, both bodies.
func compose(ctx context.Context, l letter) (store.Mail, error) {
	lctx := views.ForLang(ctx, l.Lang)
	data := map[string]any{"Tenant": l.Tenant}
	for k, v := range l.Data {
		data[k] = v
	}
	t := func(part string) string { return i18n.T(lctx, "mail_"+l.Kind+"_"+part, data) }
	e := views.Email{Lang: views.Req(lctx).Lang, Subject: t("subject"), Greeting: t("greeting"), Tenant: l.Tenant,
		Lines: lines(t("body")), After: lines(t("after"))}
	if l.URL != "" {
		e.Action, e.URL = t("action"), l.URL
	}
	text, html, err := views.RenderEmail(ctx, e)
	if err != nil {
		return store.Mail{}, err
	}
	return store.Mail{Kind: l.Kind, To: l.To, Subject: e.Subject, Text: text, HTML: html}, nil
}

// lines splits a catalog entry into paragraphs at blank lines.
func lines(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// mailLang is the language to write to an account in: its own setting, else
// the language of the request that causes the email.
func mailLang(ctx context.Context, a store.Account) string {
	if a.Language == "en" || a.Language == "fr" {
		return a.Language
	}
	return views.Req(ctx).Lang
}

// newLink makes a one-time link for purpose, valid for ttl: the token goes
// into the URL of the email, only its hash into the database.
func (h *Handler) newLink(purpose, path string, ttl time.Duration, by int64) (url string, l store.Link) {
	token, hash := auth.NewLinkToken()
	return h.baseURL + path + token, store.Link{Purpose: purpose, Hash: hash, CreatedBy: by, ExpiresAt: h.now().Add(ttl)}
}

// expiry formats when a link stops working, in the recipient's language, UTC.
func expiry(lang string, t time.Time) string {
	if lang == "fr" {
		return t.UTC().Format("02/01/2006 15:04") + " UTC"
	}
	return t.UTC().Format("Jan 2, 2006 15:04") + " UTC"
}

// queued wakes the delivery worker after a commit that queued email.
func (h *Handler) queued() { h.mailer.Wake() }

// mailThrottled counts a request that sends email to addr and reports whether
// the client or the address is over its limit (and for how long).
func (h *Handler) mailThrottled(ip, addr string) (bool, time.Duration) {
	if blocked, wait := h.mailIP.Blocked(ip); blocked {
		return true, wait
	}
	if blocked, wait := h.mailAddr.Blocked(strings.ToLower(addr)); blocked {
		return true, wait
	}
	h.mailIP.Fail(ip)
	h.mailAddr.Fail(strings.ToLower(addr))
	return false, 0
}
