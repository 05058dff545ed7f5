package web

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// passwordError is the policy's refusal of pw as a message, or "" when it passes.
func passwordError(ctx context.Context, pw string) string {
	switch auth.CheckPassword(pw) {
	case auth.ErrPasswordShort:
		return views.T(ctx, "err_password_short", map[string]any{"Min": auth.MinPassword, "Recommended": auth.RecommendedPassword})
	case auth.ErrPasswordLong:
		return views.T(ctx, "err_password_long", map[string]any{"Max": auth.MaxPassword})
	case auth.ErrPasswordCommon:
		return views.T(ctx, "err_password_common")
	}
	return ""
}

// checkPassword puts the password policy's refusal, if any, into errs[field].
func checkPassword(ctx context.Context, errs map[string]string, field, pw string) {
	if msg := passwordError(ctx, pw); msg != "" {
		errs[field] = msg
	}
}
