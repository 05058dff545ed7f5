package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// moduleNew opens the create-module form.
func (h *Handler) moduleNew(c echo.Context) error {
	vm := moduleForm{}.vm(nil)
	return rolePage(c, http.StatusOK, i18n.T(c.Request().Context(), "modules_new"), views.ModuleFormPage(vm), views.ModuleFormBlock(vm))
}

// moduleCreate adds a module; a bad or taken key is said beside the field.
func (h *Handler) moduleCreate(c echo.Context) error {
	ctx := c.Request().Context()
	f := bindModuleForm(c)
	errs := map[string]string{}
	_, err := h.ops.CreateModule(ctx, by(c), f.Key, f.Name, f.Description)
	var conflict *store.Conflict
	e, refused := ops.As(err)
	switch {
	case err == nil:
		return redirect(c, "/modules?done=created")
	case refused && len(e.Fields) > 0:
		errs = e.Fields
	case errors.As(err, &conflict):
		errs["key"] = i18n.T(ctx, "err_module_key_taken")
	default:
		return err
	}
	vm := f.vm(errs)
	return rolePage(c, http.StatusUnprocessableEntity, i18n.T(ctx, "modules_new"), views.ModuleFormPage(vm), views.ModuleFormBlock(vm))
}
