package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

type groupJSON struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Members     int       `json:"members"`
	RoleIDs     []int64   `json:"role_ids"`
	CreatedAt   time.Time `json:"created_at"`
}

func (a *API) groupOut(c echo.Context, g store.Group) (groupJSON, error) {
	roles, err := a.store.GroupRoleIDs(c.Request().Context(), tenant(c), g.ID)
	if roles == nil {
		roles = []int64{}
	}
	return groupJSON{ID: g.ID, Name: g.Name, Description: g.Description, Members: g.Members, RoleIDs: roles,
		CreatedAt: g.CreatedAt}, err
}

// groupList pages the tenant's groups by name; q narrows by name. Role ids
// come with each group on GET /groups/{id}.
func (a *API) groupList(c echo.Context) error {
	limit, err := queryLimit(c)
	if err != nil {
		return err
	}
	afterName, afterID, err := parseNameCursor(c.QueryParam("cursor"))
	if err != nil {
		return err
	}
	groups, err := a.store.Groups(c.Request().Context(), tenant(c), c.QueryParam("q"), afterName, afterID, limit+1)
	if err != nil {
		return err
	}
	next := ""
	if len(groups) > limit {
		groups = groups[:limit]
		next = nameCursor(groups[limit-1].Name, groups[limit-1].ID)
	}
	items := make([]groupJSON, len(groups))
	for i, g := range groups {
		items[i] = groupJSON{ID: g.ID, Name: g.Name, Description: g.Description, Members: g.Members, CreatedAt: g.CreatedAt}
	}
	return reply(c, http.StatusOK, newPage(items, next))
}

func (a *API) groupGet(c echo.Context) error {
	g, err := a.pathGroup(c)
	if err != nil {
		return err
	}
	out, err := a.groupOut(c, g)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, out)
}

func (a *API) pathGroup(c echo.Context) (store.Group, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return store.Group{}, err
	}
	return a.store.Group(c.Request().Context(), tenant(c), id)
}

// groupCreate creates a group; a name taken in any case is a 409.
func (a *API) groupCreate(c echo.Context) error {
	var in named
	if err := bind(c, &in); err != nil {
		return err
	}
	name, desc, err := in.over(c, "", "")
	if err != nil {
		return err
	}
	g, err := a.ops.CreateGroup(c.Request().Context(), principal(c), name, desc)
	if err != nil {
		return err
	}
	out, err := a.groupOut(c, g)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, out)
}

// groupUpdate renames or describes a group.
func (a *API) groupUpdate(c echo.Context) error {
	var in named
	if err := bind(c, &in); err != nil {
		return err
	}
	g, err := a.pathGroup(c)
	if err != nil {
		return err
	}
	name, desc, err := in.over(c, g.Name, g.Description)
	if err != nil {
		return err
	}
	if g, err = a.ops.UpdateGroup(c.Request().Context(), principal(c), g.ID, name, desc); err != nil {
		return err
	}
	out, err := a.groupOut(c, g)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, out)
}

// groupDelete deletes a group that is no project's team. A group with
// members is deleted only when confirm_members gives its member count, as
// the console's confirmation does (409 otherwise).
func (a *API) groupDelete(c echo.Context) error {
	g, err := a.pathGroup(c)
	if err != nil {
		return err
	}
	confirm := 0
	if v := c.QueryParam("confirm_members"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fieldError("confirm_members", i18n.T(c.Request().Context(), "api_err_confirm_members"))
		}
		confirm = n
	}
	err = a.ops.DeleteGroup(c.Request().Context(), principal(c), g.ID, confirm)
	var inUse *store.InUse
	if errors.As(err, &inUse) && inUse.Members > 0 && len(inUse.Projects) == 0 {
		return &Problem{Status: http.StatusConflict, Key: "api_err_group_members", Data: map[string]any{"Count": inUse.Members}}
	}
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
