package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// groupShow serves a group's page: its fields, roles, access and members.
func (h *Handler) groupShow(c echo.Context) error {
	ctx := c.Request().Context()
	g, err := h.group(c)
	if err != nil {
		return err
	}
	vm, err := h.groupPageVM(ctx, who(c), g, memberQueryOf(c))
	if err != nil {
		return err
	}
	switch {
	case c.QueryParam("created") == "1":
		vm.Notice = i18n.T(ctx, "group_notice_created", map[string]any{"Name": g.Name})
	case c.QueryParam("saved") == "1":
		vm.Notice = i18n.T(ctx, "group_notice_saved")
	}
	return page(c, http.StatusOK, views.GroupPageView(vm), views.GroupBlock(vm))
}

func groupPath(id int64) string { return "/groups/" + strconv.FormatInt(id, 10) }

// groupPageVM builds the page in a constant number of queries: the roles,
// the group's roles, the modules, one page of members (of a search: and
// how many match).
func (h *Handler) groupPageVM(ctx context.Context, p *principal, g store.Group, mq memberQuery) (views.GroupPage, error) {
	vm := views.GroupPage{ID: g.ID, Name: g.Name, Description: g.Description, Count: g.Members,
		Form: views.GroupForm{Name: g.Name, Description: g.Description}}
	roles, held, err := h.rolesOfGroup(ctx, p, g.ID)
	if err != nil {
		return vm, err
	}
	vm.Roles = roleOptions(ctx, roles, held)
	if vm.Access, err = h.groupAccess(ctx, p, g, roles, held); err != nil {
		return vm, err
	}
	if vm.Members, err = h.memberList(ctx, p, g, mq, true); err != nil {
		return vm, err
	}
	vm.Locked = p.external() && g.SCIMManaged
	vm.Members.Locked = vm.Locked
	return vm, nil
}

func (h *Handler) rolesOfGroup(ctx context.Context, p *principal, groupID int64) ([]store.Role, []int64, error) {
	roles, err := h.store.Roles(ctx, p.Tenant.ID)
	if err != nil {
		return nil, nil, err
	}
	held, err := h.store.GroupRoleIDs(ctx, p.Tenant.ID, groupID)
	return roles, held, err
}
