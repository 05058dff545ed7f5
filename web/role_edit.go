package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// customRole loads the :id role of the current tenant for a change: another
// tenant's id is 404, and a built-in role is refused with the reason.
func (h *Handler) customRole(c echo.Context) (store.Role, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Role{}, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	r, err := h.store.Role(c.Request().Context(), who(c).Tenant.ID, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return r, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	case err != nil:
		return r, err
	case r.BuiltinKey != "":
		return r, &pageError{status: http.StatusForbidden, key: "err_builtin_role"}
	}
	return r, nil
}

// roleEdit opens a custom role's form, saying who holds it: changes reach them at once.
func (h *Handler) roleEdit(c echo.Context) error {
	r, err := h.customRole(c)
	if err != nil {
		return err
	}
	modules, err := h.store.Modules(c.Request().Context(), who(c).Tenant.ID)
	if err != nil {
		return err
	}
	return h.roleEditForm(c, http.StatusOK, r, roleFormOf(r), modules, nil, "")
}

// roleUpdate saves a custom role; errors, a name taken or the last-manager
// rule re-render the form with 422 and change nothing.
func (h *Handler) roleUpdate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	r, err := h.customRole(c)
	if err != nil {
		return err
	}
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	f := bindRoleForm(c)
	errs, alert := map[string]string{}, ""
	err = h.ops.UpdateRole(ctx, by(c), r.ID, f)
	var conflict *store.Conflict
	e, refused := ops.As(err)
	switch {
	case err == nil:
		return redirect(c, "/roles?done=saved")
	case refused && len(e.Fields) > 0:
		errs = e.Fields
	case errors.As(err, &conflict):
		errs["name"] = i18n.T(ctx, "err_role_name_taken")
	case errors.Is(err, store.ErrLastManager):
		alert = i18n.T(ctx, "err_role_last_manager")
	case errors.Is(err, store.ErrNotFound):
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	default:
		return err
	}
	return h.roleEditForm(c, http.StatusUnprocessableEntity, r, f, modules, errs, alert)
}

func (h *Handler) roleEditForm(c echo.Context, status int, r store.Role, f form.Role, modules []store.Module,
	errs map[string]string, alert string) error {
	ctx, p := c.Request().Context(), who(c)
	users, groups, err := h.store.RoleUsage(ctx, p.Tenant.ID, r.ID)
	if err != nil {
		return err
	}
	vm := roleFormVM(f, modules, errs)
	vm.ID, vm.Title, vm.Users, vm.Groups, vm.Alert = r.ID, r.Name, users, groups, alert
	title := i18n.T(ctx, "roles_edit_title", map[string]any{"Name": r.Name})
	return rolePage(c, status, title, views.RoleFormPage(vm), views.RoleFormBlock(vm))
}
