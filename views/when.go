package views

import (
	"context"
	"time"
)

// Relative says how long ago (or how soon) t is, in the viewer's language:
// "just now", "5 minutes ago", "in 3 days". Beyond a month it gives the date
// in the viewer's time zone.
func Relative(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return T(ctx, "never")
	}
	d := time.Since(t)
	suffix := "ago"
	if d < 0 {
		d, suffix = -d, "in"
	}
	switch {
	case d < time.Minute:
		if suffix == "in" {
			return T(ctx, "when_soon")
		}
		return T(ctx, "when_just_now")
	case d < time.Hour:
		return count(ctx, "when_minutes_"+suffix, int(d/time.Minute))
	case d < 24*time.Hour:
		return count(ctx, "when_hours_"+suffix, int(d/time.Hour))
	case d < 31*24*time.Hour:
		return count(ctx, "when_days_"+suffix, int(d/(24*time.Hour)))
	}
	return t.In(viewerTZ(ctx)).Format("2006-01-02")
}

// ExactTime gives t to the second with its offset and zone, for a hover title
// and for screen readers: "2026-12-03 12:40:05 +01:00 (Europe/Paris)".
func ExactTime(ctx context.Context, t time.Time) string {
	loc := viewerTZ(ctx)
	return t.In(loc).Format("2006-01-02 15:04:05 -07:00") + " (" + loc.String() + ")"
}

// MachineTime is t for a <time datetime> attribute.
func MachineTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func count(ctx context.Context, key string, n int) string {
	if n == 1 {
		return T(ctx, key+"_one")
	}
	return T(ctx, key+"_other", map[string]any{"N": n})
}

func viewerTZ(ctx context.Context) *time.Location {
	if loc := Req(ctx).TZ; loc != nil {
		return loc
	}
	return time.UTC
}

// signInTitle is the hover title of a row's last sign-in: what it is and,
// when there is one, its exact time and zone.
func signInTitle(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return T(ctx, "i16signin_last_signin")
	}
	return T(ctx, "i16signin_last_signin") + " — " + ExactTime(ctx, t)
}
