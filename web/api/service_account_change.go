package api

import (
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
