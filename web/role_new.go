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

// roleNew opens the create-role form, empty or copied from ?from=<role id>:
// built-in roles cannot change, so copying one is how to start from it.
func (h *Handler) roleNew(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	var f form.Role
	if from := c.QueryParam("from"); from != "" {
		id, err := strconv.ParseInt(from, 10, 64)
		if err != nil || id <= 0 {
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		}
		r, err := h.store.Role(ctx, p.Tenant.ID, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return &pageError{status: http.StatusNotFound, key: "err_not_found"}
		case err != nil:
			return err
		}
		f = roleFormOf(r)
		f.Name = i18n.T(ctx, "roles_copy_name", map[string]any{"Name": roleLabel(ctx, r.BuiltinKey, r.Name)})
		if r.BuiltinKey != "" {
			f.Description = i18n.T(ctx, "role_"+r.BuiltinKey+"_desc")
		}
	}
	vm := roleFormVM(f, modules, nil)
	return rolePage(c, http.StatusOK, i18n.T(ctx, "roles_new"), views.RoleFormPage(vm), views.RoleFormBlock(vm))
}

// roleCreate creates a custom role; errors stand beside their fields and nothing is written.
func (h *Handler) roleCreate(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	f := bindRoleForm(c)
	errs := map[string]string{}
	_, err = h.ops.CreateRole(ctx, by(c), f)
	var conflict *store.Conflict
	e, refused := ops.As(err)
	switch {
	case err == nil:
		return redirect(c, "/roles?done=created")
	case refused && len(e.Fields) > 0:
		errs = e.Fields
	case errors.As(err, &conflict):
		errs["name"] = i18n.T(ctx, "err_role_name_taken")
	default:
		return err
	}
	vm := roleFormVM(f, modules, errs)
	return rolePage(c, http.StatusUnprocessableEntity, i18n.T(ctx, "roles_new"), views.RoleFormPage(vm), views.RoleFormBlock(vm))
}
