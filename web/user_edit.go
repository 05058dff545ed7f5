package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userEdit opens the edit-user sidebar; a full page load shows it beside the table.
func (h *Handler) userEdit(c echo.Context) error {
	p := who(c)
	a, err := h.person(c)
	if err != nil {
		return err
	}
	vm, err := h.editVM(c.Request().Context(), p, a.Account)
	if err != nil {
		return err
	}
	if c.QueryParam("saved") == "1" {
		vm.Notice = "notice_saved"
	}
	vm.OpenTempPassword = c.QueryParam("open") == "temp_password" && vm.CanSetPassword
	return h.sidebar(c, http.StatusOK, views.UserEditSidebar(vm))
}

// sidebar answers htmx with the sidebar alone and a full load with the users
// page around it.
func (h *Handler) sidebar(c echo.Context, status int, panel templ.Component, extra ...templ.Component) error {
	if isHTMX(c) {
		return render(c, status, append([]templ.Component{panel}, extra...)...)
	}
	vm, err := h.usersVM(c.Request().Context(), who(c), parseUsersQuery(nil))
	if err != nil {
		return err
	}
	vm.Sidebar = panel
	return render(c, status, views.UsersPage(vm))
}

// account loads the :id account of the current tenant; another tenant's id is 404.
func (h *Handler) account(c echo.Context) (store.Account, error) {
	id, err := accountParam(c)
	if err != nil {
		return store.Account{}, err
	}
	a, err := h.store.Account(c.Request().Context(), who(c).Tenant.ID, id)
	return a, userOnly(err, a.Kind)
}

// person loads the :id person of the current tenant, a home person or a
// member pushed down from an ancestor; anyone else is 404. Identity changes
// keep using account (home people only).
func (h *Handler) person(c echo.Context) (store.Person, error) {
	id, err := accountParam(c)
	if err != nil {
		return store.Person{}, err
	}
	p, err := h.store.Person(c.Request().Context(), who(c).Tenant.ID, id)
	return p, userOnly(err, p.Kind)
}

// accountParam is the :id of the path; anything but a positive id is 404.
func accountParam(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return id, nil
}

// userOnly turns a missing account, or an application's, into a 404.
func userOnly(err error, kind string) error {
	if errors.Is(err, store.ErrNotFound) || err == nil && kind != "user" {
		return &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	return err
}

// editVM builds the sidebar in four queries whatever the number of groups or
// projects: the tenant's roles, the roles the user holds with their sources,
// the modules, the user's projects.
func (h *Handler) editVM(ctx context.Context, p *principal, a store.Account) (views.UserForm, error) {
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return views.UserForm{}, err
	}
	held, err := h.store.HeldRoles(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return views.UserForm{}, err
	}
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return views.UserForm{}, err
	}
	projects, err := h.store.AccountProjects(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return views.UserForm{}, err
	}
	var heldPerms []string
	for _, r := range held {
		for _, x := range roles {
			if x.ID == r.RoleID {
				heldPerms = append(heldPerms, x.Permissions...)
			}
		}
	}
	mayAct := mayActForPerms(p, a, heldPerms)
	var direct []int64
	for _, r := range held {
		if r.GroupID == 0 {
			direct = append(direct, r.RoleID)
		}
	}
	managed, err := h.managedVM(ctx, p, a.ID, nil, nil, nil)
	if err != nil {
		return views.UserForm{}, err
	}
	f := views.UserForm{Managed: managed, ID: a.ID, Login: a.Login, AuthMethod: a.AuthMethod, Status: a.Status, FirstName: a.FirstName,
		LastName: a.LastName, Email: a.Email, Language: a.Language, TimeZone: a.TimeZone, Currency: a.Currency,
		UserType: a.UserType, Roles: roleOptions(ctx, roles, direct), Self: a.ID == p.Account.ID,
		Access: accessVM(ctx, a.UserType, held, roles, modules), Projects: userProjects(ctx, projects),
		ContactEmail: a.ContactEmail, ContactVerified: a.ContactVerified, Invited: a.Origin == "invitation",
		CanSetPassword: canSetPassword(p, a, mayAct), MayAct: mayAct, Home: h.homeName(ctx, p, a),
		SSOIssuer: a.SSOIssuer, SSOSubject: a.SSOSubject}
	f.CanUnlink = canUnlinkSSO(p, f, a.TenantID == p.Tenant.ID, mayAct)
	f.Locked, f.Origin = p.locks(a), a.Origin
	f.ExpiresAt, f.ExpiresAtTime, f.Expired = expiryDate(a.ExpiresAt), a.ExpiresAt, a.Expired(h.store.Now())
	return f, nil
}

// homeName is a member's home tenant's name, "" for a home person (no query).
func (h *Handler) homeName(ctx context.Context, p *principal, a store.Account) string {
	if a.TenantID == p.Tenant.ID {
		return ""
	}
	t, err := h.store.Tenant(ctx, a.TenantID)
	if err != nil {
		return "?"
	}
	return t.Name
}

// rowRoles are the roles a row shows: direct ones, then those held only through groups.
func (h *Handler) rowRoles(ctx context.Context, tenantID, accountID int64) ([]store.RoleRef, error) {
	held, err := h.store.HeldRoles(ctx, tenantID, accountID)
	if err != nil {
		return nil, err
	}
	var out []store.RoleRef
	seen := map[int64]bool{}
	for _, direct := range []bool{true, false} {
		for _, r := range held {
			if (r.GroupID == 0) == direct && !seen[r.RoleID] {
				seen[r.RoleID] = true
				out = append(out, store.RoleRef{ID: r.RoleID, BuiltinKey: r.BuiltinKey, Name: r.Name, Inherited: !direct})
			}
		}
	}
	return out, nil
}

// rowOOB renders the account's table row for an out-of-band swap.
func (h *Handler) rowOOB(ctx context.Context, p *principal, a store.Account) (templ.Component, error) {
	roles, err := h.rowRoles(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return nil, err
	}
	r := userRow(ctx, a, roles, p.Account.ID, p.locks(a), h.store.Now())
	r.OOB, r.Home = true, h.homeName(ctx, p, a)
	return views.UserRowView(r), nil
}

// afterChange answers a sidebar change: the refreshed sidebar with a notice and
// the row out of band for htmx; a redirect to the sidebar's page otherwise.
func (h *Handler) afterChange(c echo.Context, a store.Account, notice string) error {
	if !isHTMX(c) {
		return redirect(c, "/users/"+strconv.FormatInt(a.ID, 10)+"/edit?saved=1")
	}
	ctx, p := c.Request().Context(), who(c)
	vm, err := h.editVM(ctx, p, a)
	if err != nil {
		return err
	}
	vm.Notice = notice
	row, err := h.rowOOB(ctx, p, a)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.UserEditSidebar(vm), row)
}
