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

const (
	problemNamesShown  = 5  // names per cause; "and N more" for the rest
	problemCausesShown = 10 // causes; "and N more causes" beyond
)

// problemsVM groups the project's misconfigured people by cause, in one
// query: one line per cause with its count, its first names and its fixes.
func (h *Handler) problemsVM(ctx context.Context, p *principal, pr store.Project, teams []store.TeamRef) (views.ProjectProblems, error) {
	vm := views.ProjectProblems{ProjectID: pr.ID}
	causes, total, err := h.store.ProjectProblemCauses(ctx, p.Tenant.ID, pr.ID, problemNamesShown, problemCausesShown)
	if err != nil {
		return vm, err
	}
	byID := teamsByID(teams)
	for _, c := range causes {
		vc := views.ProjectCause{Key: causeKey(c), Count: c.Count, OwnTeam: c.OwnTeam, GroupIDs: c.GroupIDs,
			More: c.Count - len(c.People), Tick: !c.OwnTeam && len(c.GroupIDs) == 0, Untick: c.OwnTeam && len(c.GroupIDs) > 0}
		var names []string
		if c.OwnTeam {
			names = append(names, i18n.T(ctx, "i16p_own_team"))
		}
		for _, id := range c.GroupIDs {
			t := byID[id]
			vc.Teams = append(vc.Teams, views.ProjectTeam{GroupID: id, Name: t.Name, Access: t.Access, Members: t.Members})
			names = append(names, t.Name)
		}
		vc.Text = causeText(ctx, c.Count, names)
		for _, r := range c.People {
			vc.People = append(vc.People, views.ProjectProblem{AccountID: r.AccountID, Name: r.Name, Email: r.Email})
		}
		vm.Causes = append(vm.Causes, vc)
		vm.Count += c.Count
	}
	if vm.MoreCauses = total - len(causes); vm.MoreCauses > 0 {
		vm.Count = pr.Errors // the causes left out are counted there
	}
	return vm, nil
}

// causeKey names a cause in element ids: "own" or "none", then the group ids.
func causeKey(c store.ProblemCause) string {
	k := "none"
	if c.OwnTeam {
		k = "own"
	}
	for _, id := range c.GroupIDs {
		k += "-" + strconv.FormatInt(id, 10)
	}
	return k
}

// causeText is a cause as a sentence: "199 people are on both Support and Ingénierie".
func causeText(ctx context.Context, n int, teams []string) string {
	form := "_many"
	if n == 1 {
		form = "_one"
	}
	d := map[string]any{"Count": i18n.Num(ctx, n)}
	switch len(teams) {
	case 0:
		return i18n.T(ctx, "i16p_cause_none"+form, d)
	case 2:
		d["A"], d["B"] = teams[0], teams[1]
		return i18n.T(ctx, "i16p_cause_two"+form, d)
	}
	d["Teams"] = andList(ctx, teams)
	return i18n.T(ctx, "i16p_cause_several"+form, d)
}

// projectFix applies one fix of the misconfiguration panel through its
// operation, and answers like an assignment change, with the panel unfolded.
func (h *Handler) projectFix(c echo.Context) error {
	ctx := c.Request().Context()
	params, err := c.FormParams()
	if err != nil {
		return &pageError{status: http.StatusRequestEntityTooLarge, key: "err_too_large"}
	}
	pr, err := h.project(c)
	if err != nil {
		return err
	}
	groups, bad := parseIDs(params["group_id"])
	remove, err := strconv.ParseInt(c.FormValue("remove"), 10, 64)
	if c.FormValue("remove") == "" {
		remove, err = 0, nil
	}
	var status views.Status
	switch {
	case bad || err != nil || len(groups) > maxPicked:
		status = alert(ctx, "pp_err_bad_id")
	default:
		teams, err := h.store.ProjectTeams(ctx, pr.TenantID, pr.ID)
		if err != nil {
			return err
		}
		kind := c.FormValue("kind")
		n, err := h.ops.FixProjectProblem(ctx, by(c), pr.ID, ops.ProjectFix{Kind: kind, OwnTeam: c.FormValue("own") == "1",
			GroupIDs: groups, Remove: remove})
		switch {
		case err == nil && kind == "remove_team":
			status = views.Status{Text: i18n.T(ctx, "i16p_done_remove_team", map[string]any{"Name": teamsByID(teams)[remove].Name})}
		case err == nil:
			status = views.Status{Text: i18n.T(ctx, "i16p_done_box", map[string]any{"Count": i18n.Num(ctx, n)})}
		case errors.Is(err, store.ErrNoSuchProblem):
			status = alert(ctx, "i16p_err_gone")
		default:
			if status = assignRefusal(ctx, err); status.Text == "" {
				return err
			}
		}
	}
	code := http.StatusOK
	if status.Alert {
		code = http.StatusUnprocessableEntity
	}
	if !isHTMX(c) && code == http.StatusOK {
		return redirect(c, views.ProjectURL(pr.ID, "?done=fix#pp-problems"))
	}
	if pr, err = h.store.Project(ctx, pr.TenantID, pr.ID); err != nil {
		return err
	}
	if !isHTMX(c) {
		vm, err := h.projectPageVM(c, pr, pageState{})
		if err != nil {
			return err
		}
		vm.Status, vm.Problems.Open = status, true
		return render(c, code, views.ProjectPageView(vm))
	}
	side, probs, err := h.projectState(ctx, who(c), pr, currentPageState(c, pr.ID))
	if err != nil {
		return err
	}
	probs.Open = true
	return render(c, code, views.ProjectChanged(side, probs, status))
}
