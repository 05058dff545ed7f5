package ops

import (
	"context"
	"errors"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// SetPolicy saves the tenant's dormancy policy and expiry reminders: warn and
// deactivate after store.MinDormancyDays to store.MaxDormancyDays, the
// deactivation later than the warning; reminders 0 (none) to
// store.MaxNoticeDays days before an expiry. Nothing is saved on bad input.
func (o *Ops) SetPolicy(ctx context.Context, p Principal, pol store.Policy) error {
	errs := map[string]string{}
	bounds := map[string]any{"Min": store.MinDormancyDays, "Max": store.MaxDormancyDays}
	if pol.WarnDays < store.MinDormancyDays || pol.WarnDays > store.MaxDormancyDays {
		errs["warn_days"] = i18n.T(ctx, "dormancy_err_days", bounds)
	}
	if pol.DeactivateDays < store.MinDormancyDays || pol.DeactivateDays > store.MaxDormancyDays {
		errs["deactivate_days"] = i18n.T(ctx, "dormancy_err_days", bounds)
	} else if errs["warn_days"] == "" && pol.DeactivateDays <= pol.WarnDays {
		errs["deactivate_days"] = i18n.T(ctx, "dormancy_err_order")
	}
	if pol.NoticeDays < 0 || pol.NoticeDays > store.MaxNoticeDays {
		errs["reminder_days"] = i18n.T(ctx, "dormancy_err_notice", map[string]any{"Max": store.MaxNoticeDays})
	}
	if err := invalid(errs); err != nil {
		return err
	}
	return o.st.SetPolicy(ctx, p.by(auth.TenantSettings, false), pol)
}

// SetDormancyExempt spares the person named by login or email from the
// dormancy policy (exempt), or no longer; under the act-for rule. It takes
// tenant.settings and users.manage: finding someone by login or email says
// whether they exist, which is for those who manage people.
func (o *Ops) SetDormancyExempt(ctx context.Context, p Principal, who string, exempt bool) (store.Account, error) {
	if ok, err := o.holds(ctx, p, auth.UsersManage); err != nil {
		return store.Account{}, err
	} else if !ok {
		return store.Account{}, errForbidden
	}
	who = strings.TrimSpace(who)
	if who == "" {
		return store.Account{}, fieldError(ctx, "exempt", "err_required")
	}
	a, err := o.st.AccountByLoginOrEmail(ctx, p.TenantID, who)
	if errors.Is(err, store.ErrNotFound) {
		return a, fieldError(ctx, "exempt", "dormancy_err_nobody")
	}
	if err != nil {
		return a, err
	}
	return a, o.st.SetDormancyExempt(ctx, p.by(auth.TenantSettings, true), a.ID, exempt)
}
