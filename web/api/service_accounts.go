package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
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
	sa, err := a.ops.CreateServiceAccount(ctx, principal(c), ops.NewService{Name: in.Name,
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
