package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userNewManaged is the create form's second step: the first step's fields
// checked, then the customers to choose. Back (?back=1) returns to the first.
func (h *Handler) userNewManaged(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	f := bindUserForm(c)
	f.Activation = true // as the operation creates: no password, an activation link
	rows, errs := bindManaged(ctx, c, false)
	f.Managed = rows
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	status := http.StatusOK
	back := c.QueryParam("back") == "1"
	if !back {
		if errs1 := f.Validate(ctx, true); len(errs1) > 0 {
			back, status, errs = true, http.StatusUnprocessableEntity, errs1
		}
	}
	vm, err := h.newUserVM(ctx, p, f, roles, errs)
	if err != nil {
		return err
	}
	if back {
		return h.sidebar(c, status, views.UserNewSidebar(vm))
	}
	vm.Managed.Password = f.Password
	return h.sidebar(c, status, views.ManagedStep(vm))
}

// newUserVM is the create form's view model with its Managed customers
// (the choices posted, for a tenant with customers).
func (h *Handler) newUserVM(ctx context.Context, p *principal, f form.User, roles []store.Role, errs map[string]string) (views.UserForm, error) {
	vm := formVM(ctx, f, roles, errs)
	c, exists, err := h.savedSSO(ctx, p.Tenant.ID)
	switch {
	case err != nil:
		return vm, err
	case exists && c.Enabled:
		vm.SSO = "enabled"
	case exists:
		vm.SSO = "disabled"
	}
	chosen := map[int64][]int64{}
	for _, m := range f.Managed {
		chosen[m.TenantID] = m.RoleIDs
	}
	t, err := h.managedVM(ctx, p, 0, chosen, f.Managed, errs)
	vm.Managed = t
	return vm, err
}

// createRefusedManaged re-renders the second step after a refused save, when
// what was refused is in it (else the first step shows the fields at fault).
func (h *Handler) createRefusedManaged(c echo.Context, f form.User, errs map[string]string, refused error) (bool, error) {
	if c.FormValue("step") != "managed" {
		return false, nil
	}
	for k := range errs {
		if !strings.HasPrefix(k, "managed_customers") {
			return false, nil
		}
	}
	ctx, p := c.Request().Context(), who(c)
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return true, err
	}
	vm, err := h.newUserVM(ctx, p, f, roles, errs)
	if err != nil {
		return true, err
	}
	vm.Managed.Password = f.Password
	return true, h.sidebar(c, managedStatus(refused), views.ManagedStep(vm))
}
