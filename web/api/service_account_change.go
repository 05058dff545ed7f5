package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
)

// serviceActivate lets a service account's keys work again.
func (a *API) serviceActivate(c echo.Context) error { return a.serviceOnly(c, a.userActivate) }

// serviceDeactivate stops every key of a service account at once.
func (a *API) serviceDeactivate(c echo.Context) error { return a.serviceOnly(c, a.userDeactivate) }

// serviceRoles replaces a service account's direct roles.
func (a *API) serviceRoles(c echo.Context) error { return a.serviceOnly(c, a.userRoles) }

// serviceOnly runs next for the :id service account; a person's id is not
// found here (people have /users).
func (a *API) serviceOnly(c echo.Context, next echo.HandlerFunc) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	acct, err := a.store.Account(c.Request().Context(), tenant(c), id)
	if err != nil {
		return err
	}
	if acct.Kind != "service" {
		return store.ErrNotFound
	}
	return next(c)
}

// serviceGroupAdd puts a service account in a group, as adding the group's
// member would: groups.manage, and the roles the group gives within the
// caller's own access (403 otherwise). 204 when done (or already in).
func (a *API) serviceGroupAdd(c echo.Context) error { return a.serviceGroup(c, true) }

// serviceGroupRemove takes a service account out of a group. 204 when done.
func (a *API) serviceGroupRemove(c echo.Context) error { return a.serviceGroup(c, false) }

func (a *API) serviceGroup(c echo.Context, add bool) error {
	return a.serviceOnly(c, func(c echo.Context) error {
		ctx := c.Request().Context()
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		groupID, err := pathID(c, "group_id")
		if err != nil {
			return err
		}
		if add {
			_, err = a.ops.AddMembers(ctx, principal(c), groupID, []int64{id})
		} else {
			_, err = a.ops.RemoveMembers(ctx, principal(c), groupID, []int64{id})
		}
		if err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	})
}
