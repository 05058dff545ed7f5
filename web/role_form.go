package web

import (
	"context"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// roleForm is the create and edit role form as posted: catalog permissions
// and module keys arrive apart, as the form shows them apart.
type roleForm struct {
	Name        string
	Description string
	Perms       []string // "users.view"...
	Modules     []string // module keys, granted as module:<key>
}

func bindRoleForm(c echo.Context) roleForm {
	params, err := c.FormParams()
	if err != nil { // an unreadable form: every permission is refused below
		params = map[string][]string{"permission": {"(unreadable form)"}}
	}
	return roleForm{
		Name:        strings.TrimSpace(c.FormValue("name")),
		Description: strings.TrimSpace(c.FormValue("description")),
		Perms:       params["permission"],
		Modules:     params["module"],
	}
}

// roleFormOf fills the form from a saved role.
func roleFormOf(r store.Role) roleForm {
	f := roleForm{Name: r.Name, Description: r.Description}
	for _, p := range r.Permissions {
		if key, ok := auth.IsModule(auth.Permission(p)); ok {
			f.Modules = append(f.Modules, key)
		} else {
			f.Perms = append(f.Perms, p)
		}
	}
	return f
}

// validate fills per-field messages. A permission outside the catalog or a
// module the tenant does not have is refused, never silently dropped.
func (f *roleForm) validate(ctx context.Context, modules []store.Module) map[string]string {
	errs := map[string]string{}
	checkText(ctx, errs, "name", f.Name, true, 100)
	checkParagraph(ctx, errs, "description", f.Description, 300)
	for _, p := range f.Perms {
		if !auth.Known(auth.Permission(p)) {
			errs["permissions"] = views.T(ctx, "err_unknown_permission")
		}
	}
	for _, k := range f.Modules {
		if !slices.ContainsFunc(modules, func(m store.Module) bool { return m.Key == k }) {
			errs["modules"] = views.T(ctx, "err_unknown_module")
		}
	}
	return errs
}

// spec is the role to save: its catalog permissions and module grants, sorted, once each.
func (f roleForm) spec() store.RoleSpec {
	perms := slices.Clone(f.Perms)
	for _, k := range f.Modules {
		perms = append(perms, string(auth.Module(k)))
	}
	slices.Sort(perms)
	return store.RoleSpec{Name: f.Name, Description: f.Description, Permissions: slices.Compact(perms)}
}

// roleFormVM turns the form back into its view: every catalog permission area
// by area, every module of the tenant, ticked as the form has them.
func roleFormVM(f roleForm, modules []store.Module, errs map[string]string) views.RoleForm {
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
