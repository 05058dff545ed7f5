package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// settingsShow serves the tenant settings page.
func (h *Handler) settingsShow(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	saved, roles, err := h.settingsState(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	vm := h.settingsVM(ctx, p, roles, saved, formOf(saved), nil)
	vm.Saved = c.QueryParam("saved") == "1"
	return page(c, http.StatusOK, views.SettingsPage(vm), views.SettingsBlock(vm))
}

// settingsUpdate saves the settings (audited by the store, before and after);
// bad input is said beside its field and nothing changes.
func (h *Handler) settingsUpdate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	saved, roles, err := h.settingsState(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	f := bindSettingsForm(c)
	next, errs := f.validate(ctx, p, roles, saved.DefaultRoleIDs)
	if len(errs) == 0 {
		err = h.ops.UpdateSettings(ctx, by(c), next)
		e, refused := ops.As(err)
		switch {
		case err == nil:
			return redirect(c, "/settings?saved=1")
		case refused && len(e.Fields) > 0: // changed meanwhile
			errs = e.Fields
		case errors.Is(err, store.ErrUnknownRole): // deleted meanwhile
			errs["roles"] = i18n.T(ctx, "err_unknown_role")
		default:
			return err
		}
	}
	vm := h.settingsVM(ctx, p, roles, saved, f, errs)
	return page(c, http.StatusUnprocessableEntity, views.SettingsPage(vm), views.SettingsBlock(vm))
}

// settingsState is what the settings page shows: the saved settings and the
// roles that may be defaults.
func (h *Handler) settingsState(ctx context.Context, tenantID int64) (store.Settings, []store.Role, error) {
	saved, err := h.store.Settings(ctx, tenantID)
	if err != nil {
		return saved, nil, err
	}
	roles, err := h.store.Roles(ctx, tenantID)
	return saved, roles, err
}
