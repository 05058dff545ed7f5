package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

type settingsJSON struct {
	SelfRegistration bool    `json:"self_registration"`
	DefaultRoleIDs   []int64 `json:"default_role_ids"`
	InviteDays       int     `json:"invite_days"`
	TimeZone         string  `json:"time_zone"`
	Currency         string  `json:"currency"`
	// RegistrationNotify is who is mailed about a self-registration:
	// "admins" (the default), "managers" or "none"; ten people at most.
	RegistrationNotify string `json:"registration_notify"`
	// Provisioning is "console" or "external" (the identity provider
	// keeps people and groups in sync over SCIM); ScimDelete what its
	// DELETE does: "deactivate" (the default) or "delete".
	Provisioning string `json:"provisioning"`
	ScimDelete   string `json:"scim_delete"`
}

func (a *API) replySettings(c echo.Context) error {
	st, err := a.store.Settings(c.Request().Context(), tenant(c))
	if err != nil {
		return err
	}
	pr, err := a.store.Provisioning(c.Request().Context(), tenant(c))
	if err != nil {
		return err
	}
	ids := st.DefaultRoleIDs
	if ids == nil {
		ids = []int64{}
	}
	return reply(c, http.StatusOK, settingsJSON{SelfRegistration: st.SelfRegistration, DefaultRoleIDs: ids,
		InviteDays: st.InviteDays, TimeZone: st.TimeZone, Currency: st.Currency, RegistrationNotify: st.RegistrationNotify,
		Provisioning: pr.Mode, ScimDelete: pr.DeleteChoice()})
}

// settingsGet answers the key's tenant's settings.
func (a *API) settingsGet(c echo.Context) error { return a.replySettings(c) }

// settingsUpdate changes the settings present in the body, as the console's
// settings page does (ops.UpdateSettings).
func (a *API) settingsUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	var in struct {
		SelfRegistration *bool   `json:"self_registration"`
		DefaultRoleIDs   []int64 `json:"default_role_ids"`
		InviteDays       *int    `json:"invite_days"`
		TimeZone         *string `json:"time_zone"`
		Currency         *string `json:"currency"`
		Notify           *string `json:"registration_notify"`
		Provisioning     *string `json:"provisioning"`
		ScimDelete       *string `json:"scim_delete"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	st, err := a.store.Settings(ctx, tenant(c))
	if err != nil {
		return err
	}
	next := store.Settings{SelfRegistration: st.SelfRegistration, DefaultRoleIDs: st.DefaultRoleIDs, InviteDays: st.InviteDays}
	if in.SelfRegistration != nil {
		next.SelfRegistration = *in.SelfRegistration
	}
	if in.DefaultRoleIDs != nil {
		next.DefaultRoleIDs = in.DefaultRoleIDs
	}
	if in.InviteDays != nil {
		next.InviteDays = *in.InviteDays
	}
	for field, v := range map[string]*string{"time_zone": in.TimeZone, "currency": in.Currency, "registration_notify": in.Notify} {
		if v != nil && *v == "" {
			return fieldError(field, i18n.T(ctx, "err_required"))
		}
	}
	if in.TimeZone != nil {
		next.TimeZone = *in.TimeZone
	}
	if in.Currency != nil {
		next.Currency = *in.Currency
	}
	if in.Notify != nil {
		next.RegistrationNotify = *in.Notify
	}
	pr, changePr, err := a.provisioningOf(c, in.Provisioning, in.ScimDelete)
	if err != nil {
		return err
	}
	if err := a.ops.UpdateSettings(ctx, principal(c), next); err != nil {
		return err
	}
	if changePr {
		if err := a.ops.SetProvisioning(ctx, principal(c), pr); err != nil {
			return err
		}
	}
	return a.replySettings(c)
}

// provisioningOf is the saved provisioning with the body's fields over it;
// change is false when the body names neither. A value outside the choices
// is a 422 naming its field, before anything changes.
func (a *API) provisioningOf(c echo.Context, mode, del *string) (pr store.Provisioning, change bool, err error) {
	ctx := c.Request().Context()
	if mode == nil && del == nil {
		return pr, false, nil
	}
	if pr, err = a.store.Provisioning(ctx, tenant(c)); err != nil {
		return pr, false, err
	}
	m, d := pr.Mode, pr.DeleteChoice()
	if mode != nil {
		m = *mode
	}
	if del != nil {
		d = *del
	}
	pr, modeOK, delOK := store.ParseProvisioning(m, d)
	switch {
	case !modeOK:
		return pr, false, fieldError("provisioning", i18n.T(ctx, "api_err_provisioning"))
	case !delOK:
		return pr, false, fieldError("scim_delete", i18n.T(ctx, "api_err_scim_delete"))
	}
	return pr, true, nil
}
