package ops

import (
	"context"
	"slices"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// UpdateSettings saves the tenant's settings: invitations valid 1 to 30 days; who hears of a registration ("" keeps it); the default time zone and currency (an IANA zone, an ISO 4217 code; "" keeps them); default roles of the tenant, never the Tenant Administrator, and any added the actor's to give.
func (o *Ops) UpdateSettings(ctx context.Context, p Principal, st store.Settings) error {
	ids, err := IDs(ctx, "roles", st.DefaultRoleIDs)
	if err != nil {
		return err
	}
	st.DefaultRoleIDs = ids
	roles, err := o.st.Roles(ctx, p.TenantID)
	if err != nil {
		return err
	}
	errs := map[string]string{}
	if st.InviteDays < 1 || st.InviteDays > 30 {
		errs["invite_days"] = i18n.T(ctx, "err_invite_days")
	}
	st.TimeZone, st.Currency = strings.TrimSpace(st.TimeZone), strings.ToUpper(strings.TrimSpace(st.Currency))
	if st.TimeZone != "" {
		form.Zone(ctx, errs, "time_zone", st.TimeZone)
	}
	if st.Currency != "" {
		form.Currency(ctx, errs, "currency", st.Currency)
	}
	switch st.RegistrationNotify {
	case "", store.NotifyAdmins, store.NotifyManagers, store.NotifyNone:
	default:
		errs["registration_notify"] = i18n.T(ctx, "lead16_err_registration_notify")
	}
	for _, id := range ids {
		i := slices.IndexFunc(roles, func(r store.Role) bool { return r.ID == id })
		switch {
		case i < 0:
			errs["roles"] = i18n.T(ctx, "err_unknown_role")
		case roles[i].BuiltinKey == "tenant_admin":
			errs["roles"] = i18n.T(ctx, "err_default_admin")
		}
	}
	if err := invalid(errs); err != nil {
		return err
	}
	beyond := &Error{Kind: Forbidden, Key: "err_grant_beyond", Fields: map[string]string{"roles": i18n.T(ctx, "err_grant_beyond")}}
	return o.st.UpdateSettings(ctx, p.granting(auth.TenantSettings, beyond), st)
}

// SetAuditRetention sets how many days the tenant keeps its audit events, store.MinAuditRetention to store.MaxAuditRetention.
func (o *Ops) SetAuditRetention(ctx context.Context, p Principal, days int) error {
	if days < store.MinAuditRetention || days > store.MaxAuditRetention {
		return invalid(map[string]string{"days": i18n.T(ctx, "audit_err_retention",
			map[string]any{"Min": store.MinAuditRetention, "Max": store.MaxAuditRetention})})
	}
	return o.st.SetAuditRetention(ctx, p.by(auth.TenantSettings, false), days)
}
