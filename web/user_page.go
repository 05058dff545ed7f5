package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// userPage serves /users/:id/page: one person in tabs (issue 16), for whoever
// may open the user sidebar. Each tab is a link (?tab=…) answered as a whole
// page, or as the block alone to htmx; only the shown tab's data is read.
// Another tenant's id is 404; a tab the viewer's permissions do not open, 403.
func (h *Handler) userPage(c echo.Context) error {
	ctx, p := c.Request().Context(), who(c)
	a, err := h.person(c)
	if err != nil {
		return err
	}
	tab := c.QueryParam("tab")
	if tab == "" {
		tab = "profile"
	}
	vm, err := h.userPageVM(ctx, p, a, tab, c.QueryParams())
	if err != nil {
		return err
	}
	if c.QueryParam("done") == "sessions" {
		vm.Notice = "up16_sessions_ended"
	}
	return page(c, http.StatusOK, views.UserPageView(vm), views.UserPageBlock(vm))
}

// userPageTabs are the tabs p may open: API keys need apikeys.manage (as the
// keys page does), History audit.view (as the audit log does).
func userPageTabs(p *principal) []string {
	var out []string
	for _, t := range views.UserPageTabs {
		switch {
		case t == "keys" && !p.Perms.Has(auth.APIKeysManage), t == "history" && !p.Perms.Has(auth.AuditView):
			continue
		}
		out = append(out, t)
	}
	return out
}

// userPageVM builds the page with the shown tab's content.
func (h *Handler) userPageVM(ctx context.Context, p *principal, a store.Person, tab string, q url.Values) (views.UserPage, error) {
	tabs := userPageTabs(p)
	if !slices.Contains(tabs, tab) {
		if slices.Contains(views.UserPageTabs, tab) {
			return views.UserPage{}, &pageError{status: http.StatusForbidden, key: "err_forbidden"}
		}
		tab = "profile"
	}
	id := strconv.FormatInt(a.ID, 10)
	vm := views.UserPage{ID: a.ID, Name: a.Name(), Email: a.Email, Login: a.Login, Status: a.Status, UserType: a.UserType,
		AuthMethod: a.AuthMethod, Created: a.CreatedAt, LastActive: a.LastActiveAt, LastSignIn: a.LastSignInAt, Tab: tab, Tabs: tabs,
		EditURL: "/users/" + id + "/edit", SessionsEnd: "/users/" + id + "/sessions/end"}
	if vm.Name == "" {
		vm.Name = a.Login
	}
	if a.Member {
		vm.Home = a.HomeName
	}
	var err error
	switch tab {
	case "access":
		err = h.userPageAccess(ctx, p, a.Account, &vm)
	case "groups":
		err = h.userPageGroups(ctx, p, a.Account, &vm)
	case "projects":
		var projects []store.AccountPlacement
		if projects, err = h.store.AccountProjects(ctx, p.Tenant.ID, a.ID); err == nil {
			vm.Projects = userProjects(ctx, projects)
		}
	case "sessions":
		err = h.userPageSessions(ctx, p, a, &vm)
	case "keys":
		if !a.Member { // a member's keys are its home tenant's
			var keys views.Keys
			keys, err = h.keysVM(ctx, a.TenantID, a.ID, accountKeysBase(a.Account))
			vm.KeyRows, vm.KeysURL = keys.Rows, accountKeysBase(a.Account)
		}
	case "history":
		err = h.userPageHistory(ctx, p, a.Account, &vm, q)
	}
	return vm, err
}

// userPageAccess is the sidebar's Access section: each role with its source.
func (h *Handler) userPageAccess(ctx context.Context, p *principal, a store.Account, vm *views.UserPage) error {
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	held, err := h.store.HeldRoles(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return err
	}
	modules, err := h.store.Modules(ctx, p.Tenant.ID)
	if err != nil {
		return err
	}
	vm.Access = accessVM(ctx, a.UserType, held, roles, modules)
	vm.Access.EndsFor = a.ID
	return nil
}

// userPageGroups lists every group of the person, those that give no role
// too, each with the roles it gives: two queries whatever the count.
func (h *Handler) userPageGroups(ctx context.Context, p *principal, a store.Account, vm *views.UserPage) error {
	groups, err := h.store.AccountGroups(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return err
	}
	held, err := h.store.HeldRoles(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return err
	}
	for _, g := range groups {
		row := views.UserPageGroup{ID: g.ID, Name: g.Name, Members: g.Members}
		for _, r := range held {
			if r.GroupID == g.ID {
				row.Roles = append(row.Roles, roleLabel(ctx, r.BuiltinKey, r.Name))
			}
		}
		vm.Groups = append(vm.Groups, row)
	}
	return nil
}

// userPageSessions lists a home person's browsers; "Sign out everywhere" is
// offered when the operation would allow it (users.manage, the act-for rule,
// not oneself: My account ends one's own other sessions).
func (h *Handler) userPageSessions(ctx context.Context, p *principal, a store.Person, vm *views.UserPage) error {
	if a.Member {
		return nil
	}
	sessions, err := h.store.AccountSessions(ctx, p.Tenant.ID, a.ID)
	if err != nil {
		return err
	}
	for _, s := range sessions {
		vm.Sessions = append(vm.Sessions, views.UserPageSession{Created: s.CreatedAt, LastSeen: s.LastSeenAt})
	}
	if p.Perms.Has(auth.UsersManage) && a.ID != p.Account.ID {
		vm.CanEndAll, err = h.mayActFor(ctx, p, a.Account)
	}
	return err
}
