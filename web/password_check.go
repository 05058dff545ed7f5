package web

import (
	"context"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
)

// newPasswordErrors checks a chosen password and its confirmation.
func newPasswordErrors(ctx context.Context, password, confirm string) map[string]string {
	errs := map[string]string{}
	if form.Password(ctx, errs, "password", password); errs["password"] == "" && confirm != password {
		errs["confirm"] = i18n.T(ctx, "err_password_mismatch")
	}
	return errs
}
