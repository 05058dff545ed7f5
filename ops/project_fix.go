package ops

import (
	"context"
	"slices"

	"github.com/console-dev/console/auth"
)

// FixLimit bounds the people one fix of the misconfiguration panel changes:
// a larger cause takes another click, each one transaction and one event.
const FixLimit = 500

// ProjectFix is one fix the misconfiguration panel offers for one cause: the
// people on exactly the teams it names (their own team when OwnTeam, and the
// group-teams GroupIDs). Kind "tick" ticks Team for people on no team,
// "untick" clears it for people on their own team and group-teams, and
// "remove_team" takes the group-team Remove (one of GroupIDs) off the project.
type ProjectFix struct {
	Kind     string
	OwnTeam  bool
	GroupIDs []int64
	Remove   int64
}

// FixProjectProblem applies one fix of the misconfiguration panel to a
// project of the actor's tenant, in one transaction with its audit event. It
// returns how many people's Team box changed (0 when a team was removed).
func (o *Ops) FixProjectProblem(ctx context.Context, p Principal, projectID int64, f ProjectFix) (int, error) {
	groups, err := IDs(ctx, "group_ids", f.GroupIDs)
	if err != nil {
		return 0, err
	}
	switch f.Kind {
	case "tick":
		if f.OwnTeam || len(groups) > 0 {
			return 0, fieldError(ctx, "fix", "err_choice")
		}
	case "untick":
		if !f.OwnTeam || len(groups) == 0 {
			return 0, fieldError(ctx, "fix", "err_choice")
		}
	case "remove_team":
		if !slices.Contains(groups, f.Remove) {
			return 0, fieldError(ctx, "fix", "err_choice")
		}
		return 0, o.st.RemoveProjectTeams(ctx, p.by(auth.ProjectsManage, false), projectID, []int64{f.Remove})
	default:
		return 0, fieldError(ctx, "fix", "err_choice")
	}
	return o.st.SetCauseTeamBox(ctx, p.by(auth.ProjectsManage, false), projectID, f.OwnTeam, groups, FixLimit)
}
