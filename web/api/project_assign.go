package api

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

type accessInput struct {
	Access string `json:"access"`
	Team   bool   `json:"team"`
}

func bindAccess(c echo.Context, in *accessInput) error {
	if err := bind(c, in); err != nil {
		return err
	}
	if in.Access != "read" && in.Access != "write" {
		return fieldError("access", i18n.T(c.Request().Context(), "err_choice"))
	}
	return nil
}

// projectUserSet adds a person to a project, or changes their access and Team box.
func (a *API) projectUserSet(c echo.Context) error {
	var in accessInput
	if err := bindAccess(c, &in); err != nil {
		return err
	}
	p, id, err := a.projectIDs(c, "account_id")
	if err != nil {
		return err
	}
	if _, err := a.store.Account(c.Request().Context(), tenant(c), id); err != nil {
		return err
	}
	if err := a.ops.PutProjectUser(c.Request().Context(), principal(c), p.ID, id, in.Access, in.Team); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// projectUserRemove takes a person added one by one off a project.
func (a *API) projectUserRemove(c echo.Context) error {
	p, id, err := a.projectIDs(c, "account_id")
	if err != nil {
		return err
	}
	if err := a.ops.RemoveProjectUsers(c.Request().Context(), principal(c), p.ID, []int64{id}); err != nil {
		return notAssignedIs404(err)
	}
	return c.NoContent(http.StatusNoContent)
}

// projectTeamSet adds a group as a team, or changes its access.
func (a *API) projectTeamSet(c echo.Context) error {
	var in struct {
		Access string `json:"access"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	if in.Access != "read" && in.Access != "write" {
		return fieldError("access", i18n.T(c.Request().Context(), "err_choice"))
	}
	p, id, err := a.projectIDs(c, "group_id")
	if err != nil {
		return err
	}
	if _, err := a.store.Group(c.Request().Context(), tenant(c), id); err != nil {
		return err
	}
	if err := a.ops.PutProjectTeam(c.Request().Context(), principal(c), p.ID, id, in.Access); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// projectTeamRemove takes a group-team off a project.
func (a *API) projectTeamRemove(c echo.Context) error {
	p, id, err := a.projectIDs(c, "group_id")
	if err != nil {
		return err
	}
	if err := a.ops.RemoveProjectTeams(c.Request().Context(), principal(c), p.ID, []int64{id}); err != nil {
		return notAssignedIs404(err)
	}
	return c.NoContent(http.StatusNoContent)
}

// notAssignedIs404: removing someone who is not on the project names nothing that exists.
func notAssignedIs404(err error) error {
	if errors.Is(err, store.ErrNotAssigned) {
		return problem(http.StatusNotFound, "api_err_not_found")
	}
	return err
}
