package form

import (
	"context"
	"strings"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/slug"
)

// Tenant is a tenant's fields as the tenants page (or the API) sends them,
// with its first administrator when it is created: invited by email (with
// their names), or an existing person of the tenant acted in.
type Tenant struct {
	Name           string
	Slug           string
	ParentID       int64
	TimeZone       string
	Currency       string
	AdminEmail     string
	AdminFirstName string
	AdminLastName  string
	AdminAccountID int64
}

// Normalize trims what people paste around values.
func (f *Tenant) Normalize() {
	f.Name, f.Slug = strings.TrimSpace(f.Name), strings.ToLower(strings.TrimSpace(f.Slug))
	f.TimeZone, f.Currency = strings.TrimSpace(f.TimeZone), strings.ToUpper(strings.TrimSpace(f.Currency))
	f.AdminEmail = strings.ToLower(strings.TrimSpace(f.AdminEmail))
	f.AdminFirstName, f.AdminLastName = strings.TrimSpace(f.AdminFirstName), strings.TrimSpace(f.AdminLastName)
}

// Validate fills per-field messages; creating also checks the slug (which
// never changes afterwards: it is in every link to the tenant) and the first
// administrator.
func (f *Tenant) Validate(ctx context.Context, creating bool) map[string]string {
	errs := map[string]string{}
	Text(ctx, errs, "name", f.Name, true, 100)
	ZoneCurrency(ctx, errs, &f.TimeZone, &f.Currency)
	if !creating {
		return errs
	}
	if f.Slug == "" {
		errs["slug"] = i18n.T(ctx, "err_required")
	} else if !slug.Valid(f.Slug) {
		errs["slug"] = i18n.T(ctx, "err_tenant_slug")
	}
	switch {
	case f.AdminEmail != "" && f.AdminAccountID != 0:
		errs["admin_email"] = i18n.T(ctx, "err_tenant_admin_both")
	case f.AdminEmail != "":
		Text(ctx, errs, "admin_email", f.AdminEmail, true, 254)
		if errs["admin_email"] == "" && !ValidEmail(f.AdminEmail) {
			errs["admin_email"] = i18n.T(ctx, "err_email")
		}
		Text(ctx, errs, "admin_first_name", f.AdminFirstName, true, 100)
		Text(ctx, errs, "admin_last_name", f.AdminLastName, true, 100)
	}
	return errs
}
