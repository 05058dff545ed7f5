package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

type projectJSON struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	Description   string    `json:"description"`
	Archived      bool      `json:"archived"`
	People        int       `json:"people"`
	Teams         int       `json:"teams"`
	Misconfigured int       `json:"misconfigured"`
	CreatedAt     time.Time `json:"created_at"`
}

func toProject(p store.Project) projectJSON {
	return projectJSON{ID: p.ID, Name: p.Name, Description: p.Description, Archived: p.Archived, People: p.Users,
		Teams: p.Teams, Misconfigured: p.Errors, CreatedAt: p.CreatedAt}
}

// projectList pages projects by name; q narrows by name, archived=true includes archived ones.
func (a *API) projectList(c echo.Context) error {
	limit, err := queryLimit(c)
	if err != nil {
		return err
	}
	afterName, afterID, err := parseNameCursor(c.QueryParam("cursor"))
	if err != nil {
		return err
	}
	f := store.ProjectFilter{Query: c.QueryParam("q"), AfterName: afterName, AfterID: afterID, Limit: limit + 1}
	switch c.QueryParam("archived") {
	case "", "false":
	case "true":
		f.IncludeArchived = true
	default:
		return fieldError("archived", i18n.T(c.Request().Context(), "err_choice"))
	}
	list, err := a.store.Projects(c.Request().Context(), tenant(c), f)
	if err != nil {
		return err
	}
	next := ""
	if len(list) > limit {
		list = list[:limit]
		next = nameCursor(list[limit-1].Name, list[limit-1].ID)
	}
	items := make([]projectJSON, len(list))
	for i, p := range list {
		items[i] = toProject(p)
	}
	return reply(c, http.StatusOK, newPage(items, next))
}

func (a *API) pathProject(c echo.Context) (store.Project, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return store.Project{}, err
	}
	return a.store.Project(c.Request().Context(), tenant(c), id)
}

func (a *API) projectGet(c echo.Context) error {
	p, err := a.pathProject(c)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, toProject(p))
}

// projectCreate creates a project; a name taken in any case is a 409.
func (a *API) projectCreate(c echo.Context) error {
	var in named
	if err := bind(c, &in); err != nil {
		return err
	}
	name, desc, err := in.over(c, "", "")
	if err != nil {
		return err
	}
	p, err := a.ops.CreateProject(c.Request().Context(), principal(c), name, desc)
	if err != nil {
		return err
	}
	return reply(c, http.StatusCreated, toProject(p))
}

// projectUpdate renames, describes, archives or restores a project.
func (a *API) projectUpdate(c echo.Context) error {
	var in struct {
		named
		Archived *bool `json:"archived"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	p, err := a.pathProject(c)
	if err != nil {
		return err
	}
	name, desc, err := in.over(c, p.Name, p.Description)
	if err != nil {
		return err
	}
	archived := p.Archived
	if in.Archived != nil {
		archived = *in.Archived
	}
	if _, err := a.ops.UpdateProject(c.Request().Context(), principal(c), p.ID, name, desc, archived); err != nil {
		return err
	}
	if p, err = a.store.Project(c.Request().Context(), tenant(c), p.ID); err != nil {
		return err
	}
	return reply(c, http.StatusOK, toProject(p))
}

// projectDelete deletes a project with everyone's place on it.
func (a *API) projectDelete(c echo.Context) error {
	p, err := a.pathProject(c)
	if err != nil {
		return err
	}
	if err := a.ops.DeleteProject(c.Request().Context(), principal(c), p.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type misconfigJSON struct {
	AccountID int64    `json:"account_id"`
	Name      string   `json:"name"`
	Teams     []string `json:"teams"`
	Reason    string   `json:"reason"`
}

// projectMisconfigurations pages the people on no team or on several.
func (a *API) projectMisconfigurations(c echo.Context) error {
	ctx := c.Request().Context()
	p, err := a.pathProject(c)
	if err != nil {
		return err
	}
	limit, err := queryLimit(c)
	if err != nil {
		return err
	}
	afterName, afterID, err := parseNameCursor(c.QueryParam("cursor"))
	if err != nil {
		return err
	}
	people, err := a.store.ProjectPeople(ctx, tenant(c), p.ID, true, afterName, afterID, limit+1)
	if err != nil {
		return err
	}
	teams, err := a.store.ProjectTeams(ctx, tenant(c), p.ID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, t := range teams {
		names[t.GroupID] = t.Name
	}
	next := ""
	if len(people) > limit {
		people = people[:limit]
		next = nameCursor(people[limit-1].SortName, people[limit-1].AccountID)
	}
	items := make([]misconfigJSON, len(people))
	for i, pl := range people {
		m := misconfigJSON{AccountID: pl.AccountID, Name: pl.Name, Teams: []string{}, Reason: "no_team"}
		if pl.OwnTeam {
			m.Teams = append(m.Teams, i18n.T(ctx, "api_own_team", map[string]any{"Name": pl.Name}))
		}
		for _, g := range pl.GroupIDs {
			m.Teams = append(m.Teams, names[g])
		}
		if pl.TeamCount() > 1 {
			m.Reason = "several_teams"
		}
		items[i] = m
	}
	return reply(c, http.StatusOK, newPage(items, next))
}

// projectIDs reads the project and the :account_id or :group_id of an assignment route.
func (a *API) projectIDs(c echo.Context, param string) (store.Project, int64, error) {
	p, err := a.pathProject(c)
	if err != nil {
		return p, 0, err
	}
	id, err := strconv.ParseInt(c.Param(param), 10, 64)
	if err != nil || id <= 0 {
		return p, 0, problem(http.StatusNotFound, "api_err_not_found")
	}
	return p, id, nil
}
