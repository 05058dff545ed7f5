package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userUpdate saves the sidebar's fields; errors re-render it with 422.
func (h *Handler) userUpdate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.account(c)
	if err != nil {
		return err
	}
	f := bindUserForm(c)
	errs := f.Validate(ctx, false)
	contact := strings.ToLower(strings.TrimSpace(c.FormValue("contact_email")))
	if msg := contactEmailMessage(ctx, contact); msg != "" {
		errs["contact_email"] = msg
	}
	expires, expiryChanged := h.expiryInput(c, a, errs)
	alert := ""
	if len(errs) == 0 {
		updated, err := h.ops.UpdateUser(ctx, by(c), a.ID, f)
		if err == nil {
			if updated, err = h.ops.SetContactEmail(ctx, by(c), a.ID, contact); err == nil && expiryChanged {
				if err = h.ops.SetAccountExpiry(ctx, by(c), a.ID, expires); err == nil {
					updated, err = h.store.Account(ctx, p.Tenant.ID, a.ID)
				}
			}
			if err == nil {
				return h.afterChange(c, updated, "notice_saved")
			}
		}
		if e, ok := ops.As(err); ok && len(e.Fields) == 0 {
			alert = i18n.T(ctx, e.Key)
		} else if errors.Is(err, store.ErrLastManager) {
			alert = i18n.T(ctx, "err_last_manager")
		} else if errs, err = userFieldErrors(ctx, err); err != nil {
			return err
		}
	}
	vm, err := h.editVM(ctx, p, a)
	if err != nil {
		return err
	}
	if alert == "" {
		// Fields to correct keep what was typed; a refusal of the whole change
		// (the account is out of reach) shows the account as it is.
		vm.FirstName, vm.LastName, vm.Email, vm.Language = f.FirstName, f.LastName, f.Email, f.Language
		vm.TimeZone, vm.Currency, vm.UserType, vm.ContactEmail = f.TimeZone, f.Currency, f.UserType, contact
		vm.ExpiresAt = expires
	}
	vm.Errors, vm.Alert = errs, alert
	return h.sidebar(c, http.StatusUnprocessableEntity, views.UserEditSidebar(vm))
}

// by is who acts, as the operations take it.
func by(c echo.Context) ops.Principal {
	p := who(c)
	return ops.Principal{TenantID: p.Tenant.ID, HomeTenantID: p.Account.TenantID, AccountID: p.Account.ID, IP: c.RealIP()}
}
