package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
)

// userActivate lets an account sign in (a person) or call (an application) again.
func (a *API) userActivate(c echo.Context) error { return a.setStatus(c, "active") }

// userDeactivate stops an account: its sessions end and its keys stop working at once.
func (a *API) userDeactivate(c echo.Context) error { return a.setStatus(c, "deactivated") }

func (a *API) setStatus(c echo.Context, status string) error {
	ctx, cl := c.Request().Context(), who(c)
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	acct, err := a.store.Account(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	if acct.ID == cl.Account.ID {
		return problem(http.StatusConflict, "err_self_status")
	}
	if !auth.TypeChangeAllowed(cl.Account.UserType, acct.UserType, acct.UserType) {
		return problem(http.StatusForbidden, "err_admin_only")
	}
	if err := a.mayActFor(ctx, cl, acct); err != nil {
		return err
	}
	if _, err := a.store.SetStatus(ctx, actor(c), id, status); err != nil {
		return err
	}
	u, err := a.user(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, u)
}

// userDelete deletes a pending user (one who never started); others are deactivated instead.
func (a *API) userDelete(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	acct, err := a.store.Account(ctx, tenant(c), id)
	if err != nil {
		return err
	}
	if err := a.mayActFor(ctx, who(c), acct); err != nil {
		return err
	}
	if err := a.store.DeletePending(ctx, actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
