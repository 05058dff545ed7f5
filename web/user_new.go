package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userNew opens the create-user form.
func (h *Handler) userNew(c echo.Context) error {
	roles, err := h.store.Roles(c.Request().Context(), who(c).Tenant.ID)
	if err != nil {
		return err
	}
	f := form.User{Language: "browser", Currency: "USD", UserType: "standard", AuthMethod: "password", Status: "active"}
	// As the product documents: SSO On by default, once the tenant has an
	// enabled connection to sign in through.
	if conn, exists, err := h.savedSSO(c.Request().Context(), who(c).Tenant.ID); err != nil {
		return err
	} else if exists && conn.Enabled {
		f.AuthMethod = "sso"
	}
	vm, err := h.newUserVM(c.Request().Context(), who(c), f, roles, nil)
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusOK, views.UserNewSidebar(vm))
}

// userCreate creates the account with its roles; errors stand beside their fields.
func (h *Handler) userCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	f := bindUserForm(c)
	var errs map[string]string
	var refused error
	f.Managed, errs = bindManaged(ctx, c, false)
	if f.BadRole || len(errs) > 0 {
		errs = mergeErrs(f.Validate(ctx, true), errs)
	} else {
		a, err := h.ops.CreateUser(ctx, by(c), f)
		if err == nil {
			return h.afterCreate(c, a, "notice_created")
		}
		refused = err
		if errs, err = userFieldErrors(ctx, err); err != nil {
			return err
		}
		if errs["email"] == i18n.T(ctx, "err_email_taken") {
			errs["email"] = h.emailTaken(ctx, p, f.Email)
		}
	}
	f.Normalize()
	if again, err := h.createRefusedManaged(c, f, errs, refused); again {
		return err
	}
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	vm, err := h.newUserVM(ctx, p, f, roles, errs)
	if err != nil {
		return err
	}
	return h.sidebar(c, http.StatusUnprocessableEntity, views.UserNewSidebar(vm))
}

// afterCreate shows the new account's sidebar with a notice, and the table
// refreshed so its row appears; a full page load goes to the sidebar's page.
func (h *Handler) afterCreate(c echo.Context, a store.Account, notice string) error {
	if !isHTMX(c) {
		return redirect(c, "/users/"+strconv.FormatInt(a.ID, 10)+"/edit?saved=1")
	}
	vm, err := h.editVM(c.Request().Context(), who(c), a)
	if err != nil {
		return err
	}
	vm.Notice = notice
	table, err := h.tableFromCurrentURL(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.UserEditSidebar(vm), table)
}
