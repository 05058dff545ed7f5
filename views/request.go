// Package views holds Console's templ components and their view models; it
// knows nothing of the store, only of the plain structs handlers give it.
package views

import (
	"context"
	"time"

	"github.com/console-dev/console/i18n"
)

// Request is what every component may need about the current request.
type Request struct {
	Lang      string
	CSRF      string
	Path      string
	TZ        *time.Location
	UserName  string
	AvatarURL string // the signed-in account's avatar, "" without one
	// PasswordForced: until the person replaces an administrator's temporary
	// password, every link but sign-out leads back to the change.
	PasswordForced bool
	TenantName     string // the tenant acted in
	TenantSlug     string // its slug: every page link starts /t/<slug>/
	TenantZone     string // its time zone: that of its people who chose none
	// Switcher: the person may act in another tenant too; the top bar offers
	// the customer switcher.
	Switcher bool
	// HomeName and HomeSlug name the person's home tenant when the request
	// acts in another one ("" at home): the pages say where they act.
	HomeName, HomeSlug string
	SignedIn           bool
	Can                func(permission string) bool
}

type reqKey struct{}

// WithRequest returns ctx carrying r, speaking r.Lang (i18n.With).
func WithRequest(ctx context.Context, r *Request) context.Context {
	return context.WithValue(i18n.With(ctx, r.Lang, r.TZ), reqKey{}, r)
}

// Away reports whether the request acts in a tenant other than the person's home.
func (r *Request) Away() bool { return r.HomeSlug != "" }

// Req returns the request data in ctx, or an empty English one.
func Req(ctx context.Context) *Request {
	if r, ok := ctx.Value(reqKey{}).(*Request); ok {
		return r
	}
	return &Request{Lang: "en", TZ: time.UTC, Can: func(string) bool { return false }}
}

// Can reports whether the current account holds permission.
func Can(ctx context.Context, permission string) bool {
	r := Req(ctx)
	return r.Can != nil && r.Can(permission)
}

// FormatTime shows t in the viewer's time zone, or "never" for the zero time.
func FormatTime(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return T(ctx, "never")
	}
	loc := Req(ctx).TZ
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02 15:04")
}
