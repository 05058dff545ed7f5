package web

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// passwordMessage explains why a password is refused, or returns "".
func passwordMessage(ctx context.Context, password string) string {
	switch auth.CheckPassword(password) {
	case auth.ErrPasswordShort:
		return views.T(ctx, "err_password_short", map[string]any{"Min": auth.MinPassword, "Recommended": auth.RecommendedPassword})
	case auth.ErrPasswordLong:
		return views.T(ctx, "err_password_long", map[string]any{"Max": auth.MaxPassword})
	case auth.ErrPasswordCommon:
		return views.T(ctx, "err_password_common")
	}
	return ""
}

// newPasswordErrors checks a chosen password and its confirmation.
func newPasswordErrors(ctx context.Context, password, confirm string) map[string]string {
	errs := map[string]string{}
	if msg := passwordMessage(ctx, password); msg != "" {
		errs["password"] = msg
	} else if confirm != password {
		errs["confirm"] = views.T(ctx, "err_password_mismatch")
	}
	return errs
}
