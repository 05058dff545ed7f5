package ops

import "context"

// Switched records that p chose the tenant it acts in from the customer
// switcher, which lists the tenants used last first. The middleware has
// already judged that p may act there; the store writes only p's own mark
// (its home's, or its membership's), so there is nothing more to decide and
// nothing worth an audit event, as for the last-active time.
func (o *Ops) Switched(ctx context.Context, p Principal) error {
	home := p.HomeTenantID == 0 || p.HomeTenantID == p.TenantID
	return o.st.TenantUsed(ctx, p.AccountID, p.TenantID, home, o.now())
}
