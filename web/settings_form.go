package web

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// settingsForm is the tenant settings form as posted.
type settingsForm struct {
	SelfRegistration bool
	Days             string
	RoleIDs          []int64
	BadRole          bool // a role id that is not a number
	TimeZone         string
	Currency         string
	Notify           string // who hears of a registration
}

func bindSettingsForm(c echo.Context) settingsForm {
	ids, bad := postedIDs(c, "role")
	return settingsForm{SelfRegistration: c.FormValue("self_registration") == "1",
		Days: strings.TrimSpace(c.FormValue("invite_days")), RoleIDs: ids, BadRole: bad,
		TimeZone: strings.TrimSpace(c.FormValue("time_zone")), Currency: strings.TrimSpace(c.FormValue("currency")),
		Notify: c.FormValue("registration_notify")}
}

func formOf(s store.Settings) settingsForm {
	return settingsForm{SelfRegistration: s.SelfRegistration, Days: strconv.Itoa(s.InviteDays), RoleIDs: s.DefaultRoleIDs,
		TimeZone: s.TimeZone, Currency: s.Currency, Notify: s.RegistrationNotify}
}

// validate checks the form against the tenant's roles: each must exist here,
// none may be the built-in Tenant Administrator, and an editor adds only roles
// whose permissions they hold (saved defaults may stay).
func (f settingsForm) validate(ctx context.Context, p *principal, roles []store.Role, saved []int64) (store.Settings, map[string]string) {
	errs := map[string]string{}
	days, err := strconv.Atoi(f.Days)
	if err != nil || days < 1 || days > 30 {
		errs["invite_days"] = i18n.T(ctx, "err_invite_days")
	}
	var perms []string
	for _, id := range f.RoleIDs {
		i := slices.IndexFunc(roles, func(r store.Role) bool { return r.ID == id })
		switch {
		case i < 0:
			f.BadRole = true
		case roles[i].BuiltinKey == "tenant_admin":
			errs["roles"] = i18n.T(ctx, "err_default_admin")
		case !slices.Contains(saved, id):
			perms = append(perms, roles[i].Permissions...)
		}
	}
	switch {
	case f.BadRole:
		errs["roles"] = i18n.T(ctx, "err_unknown_role")
	case errs["roles"] == "" && !grantable(p, perms):
		errs["roles"] = i18n.T(ctx, "err_grant_beyond")
	}
	if f.TimeZone != "" {
		form.Zone(ctx, errs, "time_zone", f.TimeZone)
	}
	if f.Currency != "" {
		form.Currency(ctx, errs, "currency", strings.ToUpper(f.Currency))
	}
	return store.Settings{SelfRegistration: f.SelfRegistration, InviteDays: days, DefaultRoleIDs: f.RoleIDs,
		TimeZone: f.TimeZone, Currency: f.Currency, RegistrationNotify: f.Notify}, errs
}

// settingsVM shows the form f over the saved settings: the links to share
// follow what is saved, not what is being typed.
func (h *Handler) settingsVM(ctx context.Context, p *principal, roles []store.Role, saved store.Settings, f settingsForm,
	errs map[string]string) views.Settings {
	vm := views.Settings{SelfRegistration: f.SelfRegistration, InviteDays: f.Days, Errors: errs,
		TimeZone: f.TimeZone, Currency: f.Currency, Notify: f.Notify}
	if saved.SelfRegistration {
		vm.RegisterURL = h.baseURL + "/register/" + p.Tenant.Slug
		vm.SignInURL = h.baseURL + "/signin?tenant=" + p.Tenant.Slug
	}
	for _, r := range roles {
		d := views.DefaultRole{ID: r.ID, Label: roleLabel(ctx, r.BuiltinKey, r.Name), Checked: slices.Contains(f.RoleIDs, r.ID)}
		switch {
		case r.BuiltinKey == "tenant_admin":
			d.Blocked = i18n.T(ctx, "settings_role_admin_blocked")
		case !grantable(p, r.Permissions):
			d.Blocked = i18n.T(ctx, "settings_role_beyond")
		}
		vm.Roles = append(vm.Roles, d)
	}
	return vm
}
