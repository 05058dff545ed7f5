package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

const projectPeoplePerPage = 50

// pageState is the tab's state in the URL: the groups-and-people search and
// the groups page, the project's people page, and a group shown unfolded.
type pageState struct {
	GQ, GAfter, PAfter string
	Open               int64
}

func parsePageState(v url.Values) pageState {
	s := pageState{GQ: clipRunes(strings.TrimSpace(v.Get("gq")), 100), GAfter: v.Get("gafter"), PAfter: v.Get("pafter")}
	s.Open, _ = strconv.ParseInt(v.Get("open"), 10, 64)
	return s
}

func (s pageState) url(id int64) string {
	v := url.Values{}
	for k, val := range map[string]string{"gq": s.GQ, "gafter": s.GAfter, "pafter": s.PAfter} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if enc := v.Encode(); enc != "" {
		return views.ProjectURL(id, "?"+enc)
	}
	return views.ProjectURL(id, "")
}

// currentPageState is the state of the tab htmx is on.
func currentPageState(c echo.Context, id int64) pageState {
	u := currentURL(c)
	if u.Path != views.ProjectURL(id, "") {
		return pageState{}
	}
	s := parsePageState(u.Query())
	s.Open = 0
	return s
}

// projectShow serves the Permissions tab, or one of its panels for htmx.
func (h *Handler) projectShow(c echo.Context) error {
	ctx := c.Request().Context()
	pr, err := h.project(c)
	if err != nil {
		return err
	}
	s := parsePageState(c.QueryParams())
	if isHTMX(c) {
		switch hxTarget(c) {
		case "pp-groups":
			g, err := h.projectGroupsVM(ctx, who(c), pr.ID, s)
			if err != nil {
				return err
			}
			return render(c, http.StatusOK, views.ProjectGroupsPanel(g))
		case "pp-project":
			side, err := h.projectSideVM(ctx, who(c), pr, s)
			if err != nil {
				return err
			}
			return render(c, http.StatusOK, views.ProjectSidePanel(side))
		}
	}
	vm, err := h.projectPageVM(c, pr, s)
	if err != nil {
		return err
	}
	switch {
	case c.QueryParam("created") == "1":
		vm.Status = views.Status{Text: i18n.T(ctx, "pr_notice_created", map[string]any{"Name": pr.Name})}
	case c.QueryParam("saved") == "1":
		vm.Status = views.Status{Text: i18n.T(ctx, "pr_notice_saved")}
	case c.QueryParam("done") != "":
		if key, ok := doneKeys[c.QueryParam("done")]; ok {
			vm.Status = views.Status{Text: i18n.T(ctx, key)}
		}
	}
	return page(c, http.StatusOK, views.ProjectPageView(vm), views.ProjectBlock(vm))
}

// projectPageVM builds the tab in a constant number of queries: the groups
// page (and the people a search finds), the project's teams, a page of its
// people and its misconfigured grouped by cause.
func (h *Handler) projectPageVM(c echo.Context, pr store.Project, s pageState) (views.ProjectPage, error) {
	ctx, p := c.Request().Context(), who(c)
	vm := views.ProjectPage{ID: pr.ID, Name: pr.Name, Archived: pr.Archived,
		Form:   views.ProjectForm{Name: pr.Name, Description: pr.Description, Archived: pr.Archived},
		Delete: views.ProjectDelete{ProjectID: pr.ID, Name: pr.Name, Users: pr.Users, Teams: pr.Teams}}
	var err error
	if vm.Groups, err = h.projectGroupsVM(ctx, p, pr.ID, s); err != nil {
		return vm, err
	}
	if vm.Side, vm.Problems, err = h.projectState(ctx, p, pr, s); err != nil {
		return vm, err
	}
	return vm, nil
}

// projectState reads the right panel and the misconfiguration panel, sharing the teams.
func (h *Handler) projectState(ctx context.Context, p *principal, pr store.Project, s pageState) (views.ProjectSide, views.ProjectProblems, error) {
	teams, err := h.store.ProjectTeams(ctx, p.Tenant.ID, pr.ID)
	if err != nil {
		return views.ProjectSide{}, views.ProjectProblems{}, err
	}
	side, err := h.sideWithTeams(ctx, p, pr, s, teams)
	if err != nil {
		return side, views.ProjectProblems{}, err
	}
	probs, err := h.problemsVM(ctx, p, pr, teams)
	return side, probs, err
}

func (h *Handler) projectSideVM(ctx context.Context, p *principal, pr store.Project, s pageState) (views.ProjectSide, error) {
	teams, err := h.store.ProjectTeams(ctx, p.Tenant.ID, pr.ID)
	if err != nil {
		return views.ProjectSide{}, err
	}
	return h.sideWithTeams(ctx, p, pr, s, teams)
}

func (h *Handler) sideWithTeams(ctx context.Context, p *principal, pr store.Project, s pageState, teams []store.TeamRef) (views.ProjectSide, error) {
	name, id, ok := decodeKey(s.PAfter)
	if !ok {
		s.PAfter, name, id = "", "", 0
	}
	people, err := h.store.ProjectPeople(ctx, p.Tenant.ID, pr.ID, false, name, id, projectPeoplePerPage+1)
	if err != nil {
		return views.ProjectSide{}, err
	}
	side := views.ProjectSide{ProjectID: pr.ID, Name: pr.Name, Archived: pr.Archived, Users: pr.Users, TeamCount: pr.Teams, Errors: pr.Errors}
	for _, t := range teams {
		side.Teams = append(side.Teams, views.ProjectTeam{GroupID: t.GroupID, Name: t.Name, Access: t.Access, Members: t.Members})
	}
	if len(people) > projectPeoplePerPage {
		people = people[:projectPeoplePerPage]
		n := s
		last := people[len(people)-1]
		n.PAfter = encodeKey(last.SortName, last.AccountID)
		side.NextURL = n.url(pr.ID)
	}
	if s.PAfter != "" {
		n := s
		n.PAfter = ""
		side.FirstURL = n.url(pr.ID)
	}
	byID := teamsByID(teams)
	for _, pl := range people {
		pl = withGroups(pl, byID)
		u := views.ProjectPerson{AccountID: pl.AccountID, Name: pl.Name, Email: pl.Email, Status: pl.Status,
			ReadOnly: pl.UserType == "read_only", Individual: pl.Individual, OwnTeam: pl.OwnTeam, OwnAccess: pl.OwnAccess,
			Access: pl.Access()}
		for _, g := range pl.Groups {
			u.Teams = append(u.Teams, g.Name)
		}
		if pl.TeamCount() != 1 {
			u.Problem = problemReason(ctx, pl)
		}
		side.People = append(side.People, u)
	}
	return side, nil
}

// project loads the :id project of the current tenant; another tenant's id is 404.
func (h *Handler) project(c echo.Context) (store.Project, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Project{}, &pageError{status: http.StatusNotFound, key: "err_not_found"}
	}
	pr, err := h.store.Project(c.Request().Context(), who(c).Tenant.ID, id)
	return pr, err
}
