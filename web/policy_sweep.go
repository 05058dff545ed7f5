package web

import (
	"context"
	"time"
)

// SweepPolicies applies every tenant's dormancy and expiry policies at now
// (ops.SweepPolicies), logging what it did; the periodic job
// "policy-sweep" calls it under its lease.
func (h *Handler) SweepPolicies(ctx context.Context, now time.Time) error {
	n, err := h.ops.SweepPolicies(ctx, now)
	if n.Warned+n.Deactivated+n.Reported+n.Expired+n.Reminded > 0 {
		h.log.Info("policy sweep", "warned", n.Warned, "deactivated", n.Deactivated, "reported", n.Reported,
			"expired", n.Expired, "reminded", n.Reminded)
	}
	return err
}
