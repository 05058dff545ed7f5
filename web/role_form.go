package web

import (
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

func bindRoleForm(c echo.Context) form.Role {
	params, err := c.FormParams()
	if err != nil { // an unreadable form: every permission is refused below
		params = map[string][]string{"permission": {"(unreadable form)"}}
	}
	return form.Role{
		Name:        strings.TrimSpace(c.FormValue("name")),
		Description: strings.TrimSpace(c.FormValue("description")),
		Perms:       params["permission"],
		Modules:     params["module"],
	}
}

// roleFormOf fills the form from a saved role.
func roleFormOf(r store.Role) form.Role {
	f := form.Role{Name: r.Name, Description: r.Description}
	for _, p := range r.Permissions {
		if key, ok := auth.IsModule(auth.Permission(p)); ok {
			f.Modules = append(f.Modules, key)
		} else {
			f.Perms = append(f.Perms, p)
		}
	}
	return f
}

// roleFormVM turns the form back into its view: every catalog permission area
// by area, every module of the tenant, ticked as the form has them.
func roleFormVM(f form.Role, modules []store.Module, errs map[string]string) views.RoleForm {
	vm := views.RoleForm{Name: f.Name, Description: f.Description, Errors: errs}
	for _, area := range roleAreas() {
		a := views.PermArea{Area: area}
		for _, p := range auth.Catalog {
			if p.Area == area {
				a.Perms = append(a.Perms, views.PermOption{Value: string(p.Key), Key: views.PermKey(string(p.Key)),
					Checked: slices.Contains(f.Perms, string(p.Key))})
			}
		}
		vm.Areas = append(vm.Areas, a)
	}
	for _, m := range modules {
		vm.Modules = append(vm.Modules, views.ModuleOption{Key: m.Key, Name: m.Name, Description: m.Description,
			Checked: slices.Contains(f.Modules, m.Key)})
	}
	return vm
}
