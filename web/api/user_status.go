package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// userActivate lets an account sign in (a person) or call (an application) again.
func (a *API) userActivate(c echo.Context) error { return a.setStatus(c, "active") }

// userDeactivate stops an account: its sessions end and its keys stop working at once.
func (a *API) userDeactivate(c echo.Context) error { return a.setStatus(c, "deactivated") }

func (a *API) setStatus(c echo.Context, status string) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := a.ops.SetStatus(ctx, principal(c), id, status); err != nil {
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
	if _, err := a.ops.DeletePending(ctx, principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
