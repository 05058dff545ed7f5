package scim

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/scim/patch"
)

// listUsers is GET /Users: the tenant's people, filtered and paged.
func (s *Server) listUsers(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	pg, err := pageOf(c, userFilters, patch.UserURN)
	if err != nil {
		return err
	}
	accounts, total, err := s.store.SCIMUsers(ctx, p.TenantID, pg.where, pg.args, pg.startIndex-1, pg.count)
	if err != nil {
		return err
	}
	proj := projectionOf(c, patch.UserURN)
	groups, err := s.userGroups(c, proj, accounts...)
	if err != nil {
		return err
	}
	out := make([]map[string]any, 0, len(accounts))
	for _, a := range accounts {
		out = append(out, proj.apply(s.userResource(a, groups[a.ID])))
	}
	return writeJSON(c, http.StatusOK, listResponse(total, pg.startIndex, out))
}

// userGroups reads the groups of accounts in one query, unless proj leaves
// them out (nil map then, and no groups attribute).
func (s *Server) userGroups(c echo.Context, proj projection, accounts ...store.Account) (map[int64][]store.Ref, error) {
	ids := make([]int64, len(accounts))
	for i, a := range accounts {
		ids[i] = a.ID
	}
	return refsOf(c, proj.wants("groups"), ids, s.store.SCIMUserGroups)
}

// account reads person :id of the caller's tenant; anything else is 404.
func (s *Server) account(c echo.Context) (store.Account, error) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		return store.Account{}, err
	}
	a, err := s.store.Account(c.Request().Context(), principal(c).TenantID, id)
	if err != nil {
		return a, err
	}
	if a.Kind != "user" {
		return a, errNotFound
	}
	return a, nil
}

// answerUser writes person a as the request's projection asks.
func (s *Server) answerUser(c echo.Context, status int, a store.Account) error {
	proj := projectionOf(c, patch.UserURN)
	groups, err := s.userGroups(c, proj, a)
	if err != nil {
		return err
	}
	res := proj.apply(s.userResource(a, groups[a.ID]))
	if status == http.StatusCreated {
		c.Response().Header().Set(echo.HeaderLocation, s.baseURL+Base+"/Users/"+itoa(a.ID))
	}
	return writeJSON(c, status, res)
}

// getUser is GET /Users/:id.
func (s *Server) getUser(c echo.Context) error {
	a, err := s.account(c)
	if err != nil {
		return err
	}
	return s.answerUser(c, http.StatusOK, a)
}

// createUser is POST /Users.
func (s *Server) createUser(c echo.Context) error {
	m, err := readBody(c)
	if err != nil {
		return err
	}
	if err := patch.Coerce(m, patch.UserSchema); err != nil {
		return err
	}
	a, err := s.ops.SCIMCreateUser(c.Request().Context(), principal(c), userOf(m, false))
	if err != nil {
		return err
	}
	return s.answerUser(c, http.StatusCreated, a)
}

// replaceUser is PUT /Users/:id: the whole User as the provider keeps it
// (Okta's read-modify-write, with its password ignored).
func (s *Server) replaceUser(c echo.Context) error {
	before, err := s.account(c)
	if err != nil {
		return err
	}
	m, err := readBody(c)
	if err != nil {
		return err
	}
	if err := patch.Coerce(m, patch.UserSchema); err != nil {
		return err
	}
	u := userOf(m, false)
	if _, sent := m["active"]; !sent {
		u.Active = before.Status == "active" // a PUT without active keeps the status: it reactivates nobody
	}
	a, err := s.ops.SCIMSaveUser(c.Request().Context(), principal(c), before.ID, u)
	if err != nil {
		return err
	}
	return s.answerUser(c, http.StatusOK, a)
}

// patchUser is PATCH /Users/:id: the operations applied to the User as
// stored, the result saved whole.
func (s *Server) patchUser(c echo.Context) error {
	req, err := readPatch(c)
	if err != nil {
		return err
	}
	before, err := s.account(c)
	if err != nil {
		return err
	}
	m := s.userResource(before, nil)
	if err := patch.Apply(m, req.Operations, patch.UserSchema); err != nil {
		return err
	}
	// The stored User has no locale: one there now was set by the request.
	a, err := s.ops.SCIMSaveUser(c.Request().Context(), principal(c), before.ID, userOf(m, true))
	if err != nil {
		return err
	}
	return s.answerUser(c, http.StatusOK, a)
}

// deleteUser is DELETE /Users/:id: deactivation, or removal when the
// tenant's provisioning settings say so.
func (s *Server) deleteUser(c echo.Context) error {
	a, err := s.account(c)
	if err != nil {
		return err
	}
	if err := s.ops.SCIMDeleteUser(c.Request().Context(), principal(c), a.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// readPatch reads and checks a PATCH request body.
func readPatch(c echo.Context) (patch.Request, error) {
	var req patch.Request
	raw, err := readRaw(c)
	if err != nil {
		return req, err
	}
	if err := decode(raw, &req); err != nil {
		return req, err
	}
	return req, req.Validate()
}
