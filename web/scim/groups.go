package scim

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/scim/patch"
)

// listGroups is GET /Groups: the tenant's groups, filtered and paged;
// excludedAttributes=members (Entra ID) skips reading the members.
func (s *Server) listGroups(c echo.Context) error {
	ctx, p := c.Request().Context(), principal(c)
	pg, err := pageOf(c, groupFilters, patch.GroupURN)
	if err != nil {
		return err
	}
	groups, total, err := s.store.SCIMGroups(ctx, p.TenantID, pg.where, pg.args, pg.startIndex-1, pg.count)
	if err != nil {
		return err
	}
	proj := projectionOf(c, patch.GroupURN)
	members, err := s.members(c, proj, groups...)
	if err != nil {
		return err
	}
	out := make([]map[string]any, 0, len(groups))
	for _, g := range groups {
		out = append(out, proj.apply(s.groupResource(g, members[g.ID])))
	}
	return writeJSON(c, http.StatusOK, listResponse(total, pg.startIndex, out))
}

// members reads the members of groups in one query, unless proj leaves
// them out.
func (s *Server) members(c echo.Context, proj projection, groups ...store.Group) (map[int64][]store.Ref, error) {
	ids := make([]int64, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	return refsOf(c, proj.wants("members"), ids, s.store.SCIMMembers)
}

// refsOf reads what refs of ids (members, groups) want asks for, with an
// empty list for each id that has none.
func refsOf(c echo.Context, want bool, ids []int64,
	read func(context.Context, int64, []int64) (map[int64][]store.Ref, error)) (map[int64][]store.Ref, error) {
	if !want || len(ids) == 0 {
		return map[int64][]store.Ref{}, nil
	}
	m, err := read(c.Request().Context(), principal(c).TenantID, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if m[id] == nil {
			m[id] = []store.Ref{}
		}
	}
	return m, nil
}

// group reads group :id of the caller's tenant.
func (s *Server) group(c echo.Context) (store.Group, error) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		return store.Group{}, err
	}
	return s.store.Group(c.Request().Context(), principal(c).TenantID, id)
}

// answerGroup writes group g as the request's projection asks.
func (s *Server) answerGroup(c echo.Context, status int, g store.Group) error {
	proj := projectionOf(c, patch.GroupURN)
	members, err := s.members(c, proj, g)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		c.Response().Header().Set(echo.HeaderLocation, s.baseURL+Base+"/Groups/"+itoa(g.ID))
	}
	return writeJSON(c, status, proj.apply(s.groupResource(g, members[g.ID])))
}

// getGroup is GET /Groups/:id.
func (s *Server) getGroup(c echo.Context) error {
	g, err := s.group(c)
	if err != nil {
		return err
	}
	return s.answerGroup(c, http.StatusOK, g)
}

// createGroup is POST /Groups.
func (s *Server) createGroup(c echo.Context) error {
	m, err := readBody(c)
	if err != nil {
		return err
	}
	if err := patch.Coerce(m, patch.GroupSchema); err != nil {
		return err
	}
	in, err := groupOf(m)
	if err != nil {
		return err
	}
	g, err := s.ops.SCIMCreateGroup(c.Request().Context(), principal(c), in)
	if err != nil {
		return err
	}
	return s.answerGroup(c, http.StatusCreated, g)
}

// replaceGroup is PUT /Groups/:id: name, externalId and exactly its members.
func (s *Server) replaceGroup(c echo.Context) error {
	before, err := s.group(c)
	if err != nil {
		return err
	}
	m, err := readBody(c)
	if err != nil {
		return err
	}
	if err := patch.Coerce(m, patch.GroupSchema); err != nil {
		return err
	}
	in, err := groupOf(m)
	if err != nil {
		return err
	}
	g, err := s.ops.SCIMSaveGroup(c.Request().Context(), principal(c), before.ID, in)
	if err != nil {
		return err
	}
	return s.answerGroup(c, http.StatusOK, g)
}

// patchGroup is PATCH /Groups/:id: the operations applied to the group as
// stored (linear in its members), saved in one transaction.
func (s *Server) patchGroup(c echo.Context) error {
	req, err := readPatch(c)
	if err != nil {
		return err
	}
	g, err := s.patchedGroup(c, req)
	if err != nil {
		return err
	}
	// RFC 7644 §3.5.2 allows 204: a big group is not sent back for each
	// change of its members, unless the client asks for attributes.
	if c.QueryParam("attributes") == "" && c.QueryParam("excludedAttributes") == "" {
		return c.NoContent(http.StatusNoContent)
	}
	return s.answerGroup(c, http.StatusOK, g)
}

// patchedGroup applies a PATCH to the group as stored and saves the result
// provided the group is still what it was read as: a provider sending one
// PATCH per new member, several at once (Entra ID does), loses none of them.
// When another change got in between, the PATCH is applied again to the
// group as it is now.
func (s *Server) patchedGroup(c echo.Context, req patch.Request) (store.Group, error) {
	ctx, p := c.Request().Context(), principal(c)
	for attempt := 1; ; attempt++ {
		before, err := s.group(c)
		if err != nil {
			return store.Group{}, err
		}
		refs, err := s.store.SCIMMembers(ctx, p.TenantID, []int64{before.ID})
		if err != nil {
			return store.Group{}, err
		}
		base := store.SCIMGroup{Name: before.Name, ExternalID: before.ExternalID}
		for _, r := range refs[before.ID] {
			base.Members = append(base.Members, r.ID)
		}
		m := s.groupResource(before, refs[before.ID])
		for _, el := range asList(m["members"]) {
			delete(el.(map[string]any), "$ref") // immutable sub-attributes a client may not match on
		}
		if err := patch.Apply(m, req.Operations, patch.GroupSchema); err != nil {
			return store.Group{}, err
		}
		in, err := groupOf(m)
		if err != nil {
			return store.Group{}, err
		}
		in.Base = &base
		g, err := s.ops.SCIMSaveGroup(ctx, p, before.ID, in)
		if !errors.Is(err, store.ErrStale) || attempt == staleAttempts {
			return g, err
		}
	}
}

// staleAttempts bounds how often a PATCH is applied again to a group that
// keeps changing under it.
const staleAttempts = 20

// deleteGroup is DELETE /Groups/:id.
func (s *Server) deleteGroup(c echo.Context) error {
	g, err := s.group(c)
	if err != nil {
		return err
	}
	if err := s.ops.SCIMDeleteGroup(c.Request().Context(), principal(c), g.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
