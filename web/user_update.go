package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

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
	alert := ""
	switch {
	case !typeChangeAllowed(p, a.UserType, f.UserType) && a.UserType != f.UserType:
		errs["user_type"] = views.T(ctx, "err_admin_only")
	case !typeChangeAllowed(p, a.UserType, a.UserType):
		// Only an Admin edits an Admin: whoever could change an Admin's
		// email could then reset their password.
		alert = views.T(ctx, "err_admin_only")
	default:
		// Nor does anyone edit an account holding access they do not.
		if err := h.mayActFor(ctx, p, a); errors.Is(err, errBeyondAccess) {
			alert = views.T(ctx, "err_act_beyond")
		} else if err != nil {
			return err
		}
	}
	if len(errs) == 0 && alert == "" {
		updated, err := h.store.UpdateProfile(ctx, h.actor(c), a.ID, store.Profile{FirstName: f.FirstName, LastName: f.LastName,
			Email: f.Email, Language: f.Language, TimeZone: f.TimeZone, Currency: f.Currency, UserType: f.UserType})
		var conflict *store.Conflict
		switch {
		case err == nil:
			if updated, err = h.setContactEmail(c, updated, contact); err != nil {
				return err
			}
			return h.afterChange(c, updated, "notice_saved")
		case errors.As(err, &conflict):
			field, msg := conflictMessage(ctx, conflict)
			errs[field] = msg
		case errors.Is(err, store.ErrLastManager):
			alert = views.T(ctx, "err_last_manager")
		default:
			return err
		}
	}
	vm, err := h.editVM(ctx, p, a)
	if err != nil {
		return err
	}
	vm.FirstName, vm.LastName, vm.Email, vm.Language = f.FirstName, f.LastName, f.Email, f.Language
	vm.TimeZone, vm.Currency, vm.UserType, vm.ContactEmail = f.TimeZone, f.Currency, f.UserType, contact
	vm.Errors, vm.Alert = errs, alert
	return h.sidebar(c, http.StatusUnprocessableEntity, views.UserEditSidebar(vm))
}

// actor is who is making the change, for the audit trail.
func (h *Handler) actor(c echo.Context) store.Actor {
	p := who(c)
	return store.Actor{TenantID: p.Account.TenantID, AccountID: p.Account.ID, IP: c.RealIP()}
}
