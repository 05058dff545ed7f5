package ops

import (
	"context"
	"time"

	"github.com/console-dev/console/store"
)

// DormancyPlan is what the dormancy policy does in a tenant at a moment:
// whom it warns, deactivates, and reports without deactivating (managed by
// the identity provider while the tenant keeps them). The preview and the
// sweeper both read it from PlanDormancy, so the preview says what the
// sweeper does.
type DormancyPlan struct {
	Policy                   store.Policy
	Warn, Deactivate, Report []store.Dormant
}

const day = 24 * time.Hour

// PlanDormancy computes the tenant's plan at now, writing nothing; a policy
// that is off plans nothing. A person is warned once they have been
// inactive WarnDays (counted from their creation when never active), once
// per inactive period (activity after the warning starts a new one); they
// are deactivated once inactive DeactivateDays and warned at least
// DeactivateDays-WarnDays ago, so nobody is deactivated without the notice
// the policy promises, even when the policy is switched on late.
func (o *Ops) PlanDormancy(ctx context.Context, tenantID int64, now time.Time) (DormancyPlan, error) {
	pol, err := o.st.Policy(ctx, tenantID)
	if err != nil || !pol.On {
		return DormancyPlan{Policy: pol}, err
	}
	return o.planWith(ctx, tenantID, pol, now)
}

// PreviewDormancy is PlanDormancy as if the saved policy were on: what the
// sweeper does today once it is (the settings page's preview).
func (o *Ops) PreviewDormancy(ctx context.Context, tenantID int64, now time.Time) (DormancyPlan, error) {
	pol, err := o.st.Policy(ctx, tenantID)
	if err != nil {
		return DormancyPlan{Policy: pol}, err
	}
	pol.On = true
	return o.planWith(ctx, tenantID, pol, now)
}

func (o *Ops) planWith(ctx context.Context, tenantID int64, pol store.Policy, now time.Time) (DormancyPlan, error) {
	plan := DormancyPlan{Policy: pol}
	people, err := o.st.DormantPeople(ctx, tenantID, pol, now.Add(-time.Duration(pol.WarnDays)*day))
	if err != nil {
		return plan, err
	}
	deactivateBy := now.Add(-time.Duration(pol.DeactivateDays) * day)
	warnedBy := now.Add(-time.Duration(pol.DeactivateDays-pol.WarnDays) * day)
	for _, d := range people {
		warned := d.WarnedAt.After(d.Since)
		switch {
		case warned && !d.Since.After(deactivateBy) && !d.WarnedAt.After(warnedBy):
			if d.Managed && !pol.ManagedDeactivate {
				if !d.NotedAt.After(d.Since) {
					plan.Report = append(plan.Report, d)
				}
				continue
			}
			plan.Deactivate = append(plan.Deactivate, d)
		case !warned:
			plan.Warn = append(plan.Warn, d)
		}
	}
	return plan, nil
}
