package ops

import (
	"context"
	"errors"
	"time"

	"github.com/console-dev/console/store"
)

// Swept counts what a sweep did, over every tenant.
type Swept struct {
	Warned, Deactivated, Reported, Expired, Reminded int
}

// SweepPolicies runs the tenants' policies at now: it records what has
// expired (store.RecordExpiries), sends the reminders of coming expiries,
// and applies each dormancy policy that is on (PlanDormancy). The periodic
// job "policy-sweep" calls it under its lease, so one process runs it at a
// time; every step is marked so it is not done twice, even by two sweeps. A
// tenant's failure does not stop the others; the first is returned.
func (o *Ops) SweepPolicies(ctx context.Context, now time.Time) (Swept, error) {
	var out Swept
	tenants, err := o.st.PolicyTenants(ctx)
	if err != nil {
		return out, err
	}
	var first error
	for _, id := range tenants {
		if err := o.sweepTenant(ctx, id, now, &out); err != nil {
			if ctx.Err() != nil {
				return out, err
			}
			if first == nil {
				first = err
			}
		}
	}
	if out.Warned+out.Reminded > 0 {
		o.links.Queued()
	}
	return out, first
}

func (o *Ops) sweepTenant(ctx context.Context, tenantID int64, now time.Time, out *Swept) error {
	n, err := o.st.RecordExpiries(ctx, tenantID)
	out.Expired += n
	if err != nil {
		return err
	}
	t, err := o.st.Tenant(ctx, tenantID)
	if err != nil || t.Blocked {
		return err // nobody is written to, nor deactivated, in a deactivated tenant
	}
	if err := o.remind(ctx, t, now, out); err != nil {
		return err
	}
	plan, err := o.PlanDormancy(ctx, tenantID, now)
	if err != nil {
		return err
	}
	for _, d := range plan.Warn {
		var mails []store.Mail
		if d.Email != "" {
			mails = append(mails, dormancyMail(ctx, t, d, plan.Policy))
		}
		if err := o.st.DormancyWarned(ctx, tenantID, d.ID, now, mails); err != nil {
			return err
		}
		out.Warned++
	}
	for _, d := range plan.Report {
		if err := o.st.DormancyReported(ctx, tenantID, d.ID, now, "managed"); err != nil {
			return err
		}
		out.Reported++
	}
	for _, d := range plan.Deactivate {
		// The console's deactivation (store.SetStatus: sessions ended, the
		// last-manager rule, the audit event), by the policy rather than a
		// person: no principal, the event marked as the policy's. A person
		// the provider manages reaches here only when the tenant chose so.
		// Who was active since the plan read them is left alone.
		by := store.Actor{TenantID: tenantID, Provider: d.Managed}
		pctx := store.IfInactiveSince(store.ByPolicy(ctx, "dormancy"), d.Since)
		_, err := o.st.SetStatus(pctx, by, d.ID, "deactivated")
		switch {
		case errors.Is(err, store.ErrActiveAgain):
		case errors.Is(err, store.ErrLastManager):
			if d.NotedAt.After(d.Since) {
				continue // reported already for this inactive period
			}
			if err := o.st.DormancyReported(ctx, tenantID, d.ID, now, "last_manager"); err != nil {
				return err
			}
			out.Reported++
		case err != nil:
			return err
		default:
			out.Deactivated++
		}
	}
	return nil
}
