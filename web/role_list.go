package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/views"
)

// roleNotices maps the ?done= of a redirect after a change to what the page says.
var roleNotices = map[string]string{"created": "notice_role_created", "saved": "notice_role_saved", "deleted": "notice_role_deleted"}

// roleList serves /roles: the tenant's own roles, then the built-ins, read-only.
func (h *Handler) roleList(c echo.Context) error {
	ctx := c.Request().Context()
	vm, err := h.rolesVM(ctx, who(c))
	if err != nil {
		return err
	}
	vm.Notice = roleNotices[c.QueryParam("done")]
	return rolePage(c, http.StatusOK, i18n.T(ctx, "roles_title"), views.RolesPage(vm), views.RolesBlock(vm))
}

// rolePage renders a page of the roles and modules area: the whole page, or
// for htmx its block headed by a <title>, since links and tabs swap #main.
func rolePage(c echo.Context, status int, title string, full, block templ.Component) error {
	if isHTMX(c) {
		return render(c, status, views.RolesTitle(title), block)
	}
	return render(c, status, full)
}

// rolesVM builds the roles page in three queries: the roles with their
// permissions, how many hold each, and the modules to name the ones they grant.
func (h *Handler) rolesVM(ctx context.Context, p *principal) (views.Roles, error) {
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return views.Roles{}, err
	}
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return views.Roles{}, err
	}
	held, err := h.store.RoleHolderCounts(ctx, p.Tenant.ID)
	if err != nil {
		return views.Roles{}, err
	}
	names := make(map[string]string, len(modules))
	for _, m := range modules {
		names[m.Key] = m.Name
	}
	var vm views.Roles
	for _, r := range roles {
		row := views.RoleRow{ID: r.ID, Name: roleLabel(ctx, r.BuiltinKey, r.Name), Description: r.Description,
			Builtin: r.BuiltinKey != "", Perms: rolePermGroups(r.Permissions, names), Holders: held[r.ID]}
		if row.Builtin {
			row.Description = i18n.T(ctx, "role_"+r.BuiltinKey+"_desc")
			vm.Builtin = append(vm.Builtin, row)
		} else {
			vm.Custom = append(vm.Custom, row)
		}
	}
	return vm, nil
}

// roleAreas lists the catalog's areas in display order.
func roleAreas() []string {
	var areas []string
	for _, p := range auth.Catalog {
		if !slices.Contains(areas, p.Area) {
			areas = append(areas, p.Area)
		}
	}
	return areas
}

// rolePermGroups sorts a role's permissions into the catalog's areas, then the
// modules it grants, then anything the catalog no longer knows.
func rolePermGroups(perms []string, moduleNames map[string]string) []views.PermGroup {
	var out []views.PermGroup
	for _, area := range roleAreas() {
		g := views.PermGroup{Area: area}
		for _, p := range auth.Catalog {
			if p.Area == area && slices.Contains(perms, string(p.Key)) {
				g.Items = append(g.Items, views.PermItem{Key: views.PermKey(string(p.Key))})
			}
		}
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	mods, other := views.PermGroup{Area: "modules"}, views.PermGroup{Area: "other"}
	for _, p := range perms {
		key, isModule := auth.IsModule(auth.Permission(p))
		switch {
		case isModule && moduleNames[key] != "":
			mods.Items = append(mods.Items, views.PermItem{Label: moduleNames[key]})
		case isModule:
			mods.Items = append(mods.Items, views.PermItem{Label: p})
		case !auth.Known(auth.Permission(p)):
			other.Items = append(other.Items, views.PermItem{Label: p})
		}
	}
	for _, g := range []views.PermGroup{mods, other} {
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// roleDialog answers a delete that needs confirming, or was refused: the
// panel alone for htmx, the whole page around it otherwise.
func (h *Handler) roleDialog(c echo.Context, status int, d views.RoleDialog) error {
	if isHTMX(c) {
		return render(c, status, views.RoleDialogPanel(d))
	}
	ctx := c.Request().Context()
	vm, err := h.rolesVM(ctx, who(c))
	if err != nil {
		return err
	}
	vm.Dialog = &d
	return render(c, status, views.RolesPage(vm))
}
