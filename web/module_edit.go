package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// tenantModule loads the :id module of the current tenant; another tenant's id is 404.
func (h *Handler) tenantModule(c echo.Context) (store.Module, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Module{}, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	modules, err := h.store.Modules(c.Request().Context(), who(c).Tenant.ID)
	if err != nil {
		return store.Module{}, err
	}
	for _, m := range modules {
		if m.ID == id {
			return m, nil
		}
	}
	return store.Module{}, &pageError{status: http.StatusNotFound, key: "err_not_found"}
}

// moduleEdit opens a module's form; its key shows read-only.
func (h *Handler) moduleEdit(c echo.Context) error {
	m, err := h.tenantModule(c)
	if err != nil {
		return err
	}
	return moduleEditForm(c, http.StatusOK, m, moduleForm{Key: m.Key, Name: m.Name, Description: m.Description}, nil)
}

// moduleUpdate renames or describes a module; a posted key is ignored, never applied.
func (h *Handler) moduleUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	m, err := h.tenantModule(c)
	if err != nil {
		return err
	}
	f := bindModuleForm(c)
	f.Key = m.Key
	err = h.ops.UpdateModule(ctx, by(c), m.ID, f.Name, f.Description)
	e, refused := ops.As(err)
	switch {
	case err == nil:
		return redirect(c, "/modules?done=saved")
	case refused && len(e.Fields) > 0:
		return moduleEditForm(c, http.StatusUnprocessableEntity, m, f, e.Fields)
	case errors.Is(err, store.ErrNotFound):
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	default:
		return err
	}
}

func moduleEditForm(c echo.Context, status int, m store.Module, f moduleForm, errs map[string]string) error {
	vm := f.vm(errs)
	vm.ID, vm.Title = m.ID, m.Name
	title := i18n.T(c.Request().Context(), "modules_edit_title", map[string]any{"Name": m.Name})
	return rolePage(c, status, title, views.ModuleFormPage(vm), views.ModuleFormBlock(vm))
}
