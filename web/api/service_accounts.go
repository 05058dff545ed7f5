package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/form"
)

// serviceJSON is a service account: an application's account, never a console user.
type serviceJSON struct {
	userJSON
	Name        string `json:"name"`
	Description string `json:"description"`
	ActiveKeys  int    `json:"active_keys"`
}

// serviceList pages the tenant's service accounts by id.
func (a *API) serviceList(c echo.Context) error {
	limit, err := queryLimit(c)
	if err != nil {
		return err
	}
	var after int64
	if cur := c.QueryParam("cursor"); cur != "" {
		if after, err = strconv.ParseInt(cur, 10, 64); err != nil || after < 0 {
			return store.ErrBadCursor
		}
	}
	list, err := a.store.ServiceAccounts(c.Request().Context(), tenant(c), after, limit+1)
	if err != nil {
		return err
	}
	next := ""
	if len(list) > limit {
		list = list[:limit]
		next = strconv.FormatInt(list[limit-1].ID, 10)
	}
	items := make([]serviceJSON, len(list))
	for i, sa := range list {
		items[i] = serviceJSON{userJSON: toUser(sa.Account, nil), Name: sa.FirstName, Description: sa.Description,
			ActiveKeys: sa.ActiveKeys}
	}
	return reply(c, http.StatusOK, newPage(items, next))
}

// serviceInput is a new service account as posted.
type serviceInput struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	RoleIDs     []int64 `json:"role_ids"`
	GroupIDs    []int64 `json:"group_ids"`
}

// serviceCreate creates a service account with roles and groups; a role
// beyond the caller's own access is refused (403 naming role_ids), and so are
// groups without groups.manage or whose roles go beyond it (403 naming
// group_ids), as adding a member to a group would be.
func (a *API) serviceCreate(c echo.Context) error {
	ctx := c.Request().Context()
	var in serviceInput
	if err := bind(c, &in); err != nil {
		return err
	}
	in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	if errs := form.Service(ctx, in.Name, in.Description); len(errs) > 0 {
		return invalid(errs)
	}
	if err := a.checkGrant(c, in.RoleIDs, nil); err != nil {
		return err
	}
	if len(in.GroupIDs) > 0 && !who(c).Perms.Has(auth.GroupsManage) {
		return &Problem{Status: http.StatusForbidden, Key: "api_err_groups_manage",
			Fields: map[string]string{"group_ids": views.T(ctx, "api_err_groups_manage")}}
	}
	if err := a.checkGroupsGrant(c, in.GroupIDs); err != nil {
		var p *Problem
		if errors.As(err, &p) && p.Fields["role_ids"] != "" {
			p.Fields = map[string]string{"group_ids": p.Fields["role_ids"]} // the groups' roles, not role_ids, go too far
		}
		return err
	}
	sa, err := a.store.CreateServiceAccount(ctx, actor(c), store.NewServiceAccount{Name: in.Name,
		Description: in.Description, RoleIDs: in.RoleIDs, GroupIDs: in.GroupIDs})
	if err != nil {
		return err
	}
	u, err := a.user(ctx, tenant(c), sa.ID)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, serviceJSON{userJSON: u, Name: sa.FirstName, Description: sa.Description})
}

// checkGroupsGrant: joining a group gives its roles, so the caller must be
// able to give every one of them.
func (a *API) checkGroupsGrant(c echo.Context, groupIDs []int64) error {
	var roles []int64
	for _, g := range groupIDs {
		ids, err := a.store.GroupRoleIDs(c.Request().Context(), tenant(c), g)
		if err != nil {
			return err
		}
		roles = append(roles, ids...)
	}
	return a.checkGrant(c, roles, nil)
}
