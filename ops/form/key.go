package form

import (
	"context"
	"time"

	"github.com/console-dev/console/i18n"
)

// KeyExpiries are the lifetimes a new API key may have, as forms, the API
// and the command line name them; "never" is the explicit choice of no expiry.
var KeyExpiries = []string{"30d", "90d", "365d", "never"}

var keyLifetimes = map[string]time.Duration{"30d": 30 * 24 * time.Hour, "90d": 90 * 24 * time.Hour,
	"365d": 365 * 24 * time.Hour, "never": 0}

// Key checks a new key's name and expiry; the lifetime is 0 for "never".
func Key(ctx context.Context, name, expires string) (time.Duration, map[string]string) {
	errs := map[string]string{}
	Text(ctx, errs, "name", name, true, 100)
	d, ok := keyLifetimes[expires]
	if !ok {
		errs["expires"] = i18n.T(ctx, "err_key_expires")
	}
	return d, errs
}
