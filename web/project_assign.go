package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// doneKeys are the changes a plain form's redirect may report.
var doneKeys = map[string]string{"users": "pp_done_users", "teams": "pp_done_teams", "remove": "pp_done_remove",
	"user": "pp_done_saved", "team": "pp_done_saved", "fix": "i16p_done_fix"}

// assignErrors are the store's refusals of an assignment change, as messages.
var assignErrors = []struct {
	err error
	key string
}{
	{store.ErrAlreadyAssigned, "pp_err_already"},
	{store.ErrNotAssigned, "pp_err_not_assigned"},
	{store.ErrBadAccess, "pp_err_access"},
	{store.ErrUnknownAccount, "pp_err_unknown_account"},
	{store.ErrNotFound, "pp_err_unknown_group"},
}

// assignRefusal is a refused assignment change as the alert that says why;
// an empty status when the error is no refusal of the change's input.
func assignRefusal(ctx context.Context, err error) views.Status {
	if e, ok := ops.As(err); ok && e.Kind == ops.Invalid {
		for _, f := range []string{"access", "account_ids", "group_ids"} {
			if msg := e.Fields[f]; msg != "" {
				return views.Status{Text: msg, Alert: true}
			}
		}
		return alert(ctx, e.Key)
	}
	for _, e := range assignErrors {
		if errors.Is(err, e.err) {
			return alert(ctx, e.key)
		}
	}
	return views.Status{}
}

// change is one assignment change: it returns the message key of a refusal
// found before the store is asked ("" when the form is fine), then runs.
type change struct {
	done  string
	check func(c echo.Context) string
	run   func(c echo.Context, pr store.Project) error
}

func (h *Handler) assign(c echo.Context, ch change) error {
	ctx := c.Request().Context()
	if _, err := c.FormParams(); err != nil {
		return &pageError{status: http.StatusRequestEntityTooLarge, key: "err_too_large"}
	}
	pr, err := h.project(c)
	if err != nil {
		return err
	}
	status := views.Status{Text: i18n.T(ctx, doneKeys[ch.done])}
	if key := ch.check(c); key != "" {
		status = alert(ctx, key)
	} else if err := ch.run(c, pr); err != nil {
		if status = assignRefusal(ctx, err); status.Text == "" {
			return err
		}
	}
	code := http.StatusOK
	if status.Alert {
		code = http.StatusUnprocessableEntity
	}
	if !isHTMX(c) && code == http.StatusOK {
		return redirect(c, views.ProjectURL(pr.ID, "?done="+ch.done))
	}
	if pr, err = h.store.Project(ctx, pr.TenantID, pr.ID); err != nil { // the counts after the change
		return err
	}
	if !isHTMX(c) {
		vm, err := h.projectPageVM(c, pr, pageState{})
		if err != nil {
			return err
		}
		vm.Status = status
		return render(c, code, views.ProjectPageView(vm))
	}
	side, probs, err := h.projectState(ctx, who(c), pr, currentPageState(c, pr.ID))
	if err != nil {
		return err
	}
	return render(c, code, views.ProjectChanged(side, probs, status))
}

// formIDs reads a list of ids; "" when fine, else the refusal's key.
func formIDs(c echo.Context, name, noneKey string) ([]int64, string) {
	params, _ := c.FormParams()
	ids, bad := parseIDs(params[name])
	switch {
	case bad:
		return nil, "pp_err_bad_id"
	case len(ids) == 0:
		return nil, noneKey
	case len(ids) > maxPicked:
		return nil, "pp_err_too_many"
	}
	return ids, ""
}

func accessOf(c echo.Context) (string, string) {
	a := c.FormValue("access")
	if a != "read" && a != "write" {
		return a, "pp_err_access"
	}
	return a, ""
}

func firstKey(keys ...string) string {
	for _, k := range keys {
		if k != "" {
			return k
		}
	}
	return ""
}

// projectUsersAdd adds the users ticked on the left one by one, with the
// access and Team box chosen between the panels.
func (h *Handler) projectUsersAdd(c echo.Context) error {
	var ids []int64
	var access string
	return h.assign(c, change{done: "users",
		check: func(c echo.Context) string {
			var k1, k2 string
			ids, k1 = formIDs(c, "account_id", "pp_err_no_users")
			access, k2 = accessOf(c)
			return firstKey(k1, k2)
		},
		run: func(c echo.Context, pr store.Project) error {
			return h.ops.AddProjectUsers(c.Request().Context(), by(c), pr.ID, ids, access, c.FormValue("team") != "")
		}})
}

// projectTeamsAdd adds the groups ticked on the left as teams.
func (h *Handler) projectTeamsAdd(c echo.Context) error {
	var ids []int64
	var access string
	return h.assign(c, change{done: "teams",
		check: func(c echo.Context) string {
			var k1, k2 string
			ids, k1 = formIDs(c, "group_id", "pp_err_no_groups")
			access, k2 = accessOf(c)
			return firstKey(k1, k2)
		},
		run: func(c echo.Context, pr store.Project) error {
			return h.ops.AddProjectTeams(c.Request().Context(), by(c), pr.ID, ids, access)
		}})
}

// projectRemove takes the people and teams ticked on the right off the
// project, in one transaction each kind; a refusal changes nothing.
func (h *Handler) projectRemove(c echo.Context) error {
	var users, teams []int64
	return h.assign(c, change{done: "remove",
		check: func(c echo.Context) string {
			params, _ := c.FormParams()
			var bad1, bad2 bool
			users, bad1 = parseIDs(params["remove_user"])
			teams, bad2 = parseIDs(params["remove_team"])
			switch {
			case bad1 || bad2:
				return "pp_err_bad_id"
			case len(users) == 0 && len(teams) == 0:
				return "pp_err_no_removal"
			case len(users) > maxPicked || len(teams) > maxPicked:
				return "pp_err_too_many"
			}
			return ""
		},
		run: func(c echo.Context, pr store.Project) error {
			return h.ops.RemoveFromProject(c.Request().Context(), by(c), pr.ID, users, teams)
		}})
}

// projectUserSet changes one individual's access or Team box in place.
func (h *Handler) projectUserSet(c echo.Context) error {
	var access string
	var id int64
	return h.assign(c, change{done: "user",
		check: func(c echo.Context) string {
			var err error
			if id, err = strconv.ParseInt(c.FormValue("account_id"), 10, 64); err != nil || id <= 0 {
				return "pp_err_bad_id"
			}
			var k string
			access, k = accessOf(c)
			return k
		},
		run: func(c echo.Context, pr store.Project) error {
			return h.ops.SetProjectUser(c.Request().Context(), by(c), pr.ID, id, access, c.FormValue("team") != "")
		}})
}

// projectTeamSet changes one team's access in place.
func (h *Handler) projectTeamSet(c echo.Context) error {
	var access string
	var id int64
	return h.assign(c, change{done: "team",
		check: func(c echo.Context) string {
			var err error
			if id, err = strconv.ParseInt(c.FormValue("group_id"), 10, 64); err != nil || id <= 0 {
				return "pp_err_bad_id"
			}
			var k string
			access, k = accessOf(c)
			return k
		},
		run: func(c echo.Context, pr store.Project) error {
			return h.ops.SetProjectTeam(c.Request().Context(), by(c), pr.ID, id, access)
		}})
}
