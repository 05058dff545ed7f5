package web

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/views"
)

// checkPassword puts the password policy's refusal, if any, into errs[field].
func checkPassword(ctx context.Context, errs map[string]string, field, pw string) {
	switch auth.CheckPassword(pw) {
	case auth.ErrPasswordShort:
		errs[field] = views.T(ctx, "err_password_short", map[string]any{"Min": auth.MinPassword, "Recommended": auth.RecommendedPassword})
	case auth.ErrPasswordLong:
		errs[field] = views.T(ctx, "err_password_long", map[string]any{"Max": auth.MaxPassword})
	case auth.ErrPasswordCommon:
		errs[field] = views.T(ctx, "err_password_common")
	}
}
