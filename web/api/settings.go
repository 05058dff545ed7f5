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
}

func (a *API) replySettings(c echo.Context) error {
	st, err := a.store.Settings(c.Request().Context(), tenant(c))
	if err != nil {
		return err
	}
	ids := st.DefaultRoleIDs
	if ids == nil {
		ids = []int64{}
	}
	return reply(c, http.StatusOK, settingsJSON{SelfRegistration: st.SelfRegistration, DefaultRoleIDs: ids,
		InviteDays: st.InviteDays, TimeZone: st.TimeZone, Currency: st.Currency})
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
	for field, v := range map[string]*string{"time_zone": in.TimeZone, "currency": in.Currency} {
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
	if err := a.ops.UpdateSettings(ctx, principal(c), next); err != nil {
		return err
	}
	return a.replySettings(c)
}
