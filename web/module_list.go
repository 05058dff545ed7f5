package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/views"
)

var moduleNotices = map[string]string{"created": "notice_module_created", "saved": "notice_module_saved", "deleted": "notice_module_deleted"}

// moduleList serves /modules: the tenant's product modules and the roles granting each.
func (h *Handler) moduleList(c echo.Context) error {
	ctx := c.Request().Context()
	vm, err := h.modulesVM(ctx, who(c))
	if err != nil {
		return err
	}
	vm.Notice = moduleNotices[c.QueryParam("done")]
	return rolePage(c, http.StatusOK, i18n.T(ctx, "modules_title"), views.ModulesPage(vm), views.ModulesBlock(vm))
}

// modulesVM builds the page in two queries, whatever the number of modules and roles.
func (h *Handler) modulesVM(ctx context.Context, p *principal) (views.Modules, error) {
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return views.Modules{}, err
	}
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return views.Modules{}, err
	}
	var vm views.Modules
	for _, m := range modules {
		row := views.ModuleRow{ID: m.ID, Key: m.Key, Name: m.Name, Description: m.Description}
		for _, r := range roles {
			if slices.Contains(r.Permissions, string(auth.Module(m.Key))) {
				row.Roles = append(row.Roles, roleLabel(ctx, r.BuiltinKey, r.Name))
			}
		}
		vm.Rows = append(vm.Rows, row)
	}
	return vm, nil
}

// moduleDialog answers a module delete that needs confirming: the panel alone
// for htmx, the whole page around it otherwise.
func (h *Handler) moduleDialog(c echo.Context, status int, d views.RoleDialog) error {
	if isHTMX(c) {
		return render(c, status, views.RoleDialogPanel(d))
	}
	vm, err := h.modulesVM(c.Request().Context(), who(c))
	if err != nil {
		return err
	}
	vm.Dialog = &d
	return render(c, status, views.ModulesPage(vm))
}
