package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// memberSet pushes a person of an ancestor tenant down into the key's tenant
// with exactly role_ids, or changes the roles of someone already a member:
// 201 with the user when the membership is new, 200 when it changed.
func (a *API) memberSet(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := a.memberPath(c)
	if err != nil {
		return err
	}
	roleIDs, err := bindRoleIDs(c)
	if err != nil {
		return err
	}
	added, err := a.ops.SetMemberRoles(ctx, principal(c), id, roleIDs)
	if err != nil {
		return err
	}
	u, err := a.user(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	if added {
		return reply(c, http.StatusCreated, u)
	}
	return reply(c, http.StatusOK, u)
}

// memberRemove ends a membership of the key's tenant; the home account stays.
func (a *API) memberRemove(c echo.Context) error {
	id, err := a.memberPath(c)
	if err != nil {
		return err
	}
	if err := a.ops.RemoveMember(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// memberPath reads /tenants/{id}/members/{account_id}: a key acts in one
// tenant, so any other tenant id is not found.
func (a *API) memberPath(c echo.Context) (int64, error) {
	tid, err := pathID(c, "id")
	if err != nil {
		return 0, err
	}
	if tid != tenant(c) {
		return 0, store.ErrNotFound
	}
	return pathID(c, "account_id")
}

// bindRoleIDs reads a body {"role_ids": [...]}, the list required (empty: none).
func bindRoleIDs(c echo.Context) ([]int64, error) {
	var in struct {
		RoleIDs []int64 `json:"role_ids"`
	}
	if err := bind(c, &in); err != nil {
		return nil, err
	}
	if in.RoleIDs == nil {
		return nil, fieldError("role_ids", i18n.T(c.Request().Context(), "err_required"))
	}
	return in.RoleIDs, nil
}
