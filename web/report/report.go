package report

import (
	"context"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
)

// Options are the reader's: the language of headers and values, and the time
// zone of dates.
type Options struct {
	Lang string
	TZ   *time.Location
}

// context carries the language into the translator; a request's context
// already holds it, an API call's gets it here.
func (o Options) context(ctx context.Context) context.Context {
	if o.Lang == "" {
		o.Lang = i18n.Lang(ctx)
	}
	if o.TZ == nil {
		o.TZ = i18n.TZ(ctx)
	}
	return i18n.With(ctx, o.Lang, o.TZ)
}

// FileName names a download after the tenant, the report and the day:
// acme-user-permissions-2025-03-31.xlsx.
func FileName(tenantSlug, report string, f Format, day time.Time) string {
	return tenantSlug + "-" + report + "-" + day.Format("2006-01-02") + "." + string(f)
}

// stamp writes a time in the reader's zone with its offset; "" for never.
func stamp(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(i18n.TZ(ctx)).Format(stampLayout)
}

// stampLayout is a stamp's format: the reader's time zone, with its offset.
const stampLayout = "2006-01-02 15:04:05 -07:00"

func roleLabel(ctx context.Context, builtinKey, name string) string {
	if builtinKey != "" {
		return i18n.T(ctx, "role_"+builtinKey)
	}
	return name
}

func permLabel(ctx context.Context, p auth.Permission) string {
	return i18n.T(ctx, "perm_"+strings.ReplaceAll(string(p), ".", "_"))
}

// list joins a cell's values.
func list(v []string) string { return strings.Join(v, "; ") }
