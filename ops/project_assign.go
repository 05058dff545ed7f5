package ops

import (
	"context"
	"errors"
	"slices"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// access refuses an access other than read or write.
func access(ctx context.Context, a string) error {
	if a != "read" && a != "write" {
		return fieldError(ctx, "access", "err_choice")
	}
	return nil
}

// some checks a list of ids that must name at least one.
func some(ctx context.Context, field string, ids []int64) ([]int64, error) {
	out, err := IDs(ctx, field, ids)
	if err == nil && len(out) == 0 {
		err = fieldError(ctx, field, "err_required")
	}
	return out, err
}

// AddProjectUsers puts people on a project one by one, with an access and the Team box; one already on it refuses all.
func (o *Ops) AddProjectUsers(ctx context.Context, p Principal, projectID int64, accountIDs []int64, acc string, team bool) error {
	ids, err := some(ctx, "account_ids", accountIDs)
	if err != nil {
		return err
	}
	if err := access(ctx, acc); err != nil {
		return err
	}
	return o.st.AddProjectUsers(ctx, p.by(auth.ProjectsManage, false), projectID, ids, acc, team)
}

// SetProjectUser changes the access and Team box of someone on a project.
func (o *Ops) SetProjectUser(ctx context.Context, p Principal, projectID, accountID int64, acc string, team bool) error {
	if err := access(ctx, acc); err != nil {
		return err
	}
	return o.st.SetProjectUser(ctx, p.by(auth.ProjectsManage, false), projectID, accountID, acc, team)
}

// PutProjectUser puts someone on a project with an access and the Team box, or changes theirs if they are on it.
func (o *Ops) PutProjectUser(ctx context.Context, p Principal, projectID, accountID int64, acc string, team bool) error {
	err := o.SetProjectUser(ctx, p, projectID, accountID, acc, team)
	if errors.Is(err, store.ErrNotAssigned) {
		err = o.AddProjectUsers(ctx, p, projectID, []int64{accountID}, acc, team)
	}
	return err
}

// RemoveProjectUsers takes people added one by one off a project; one not on it refuses all.
func (o *Ops) RemoveProjectUsers(ctx context.Context, p Principal, projectID int64, accountIDs []int64) error {
	ids, err := some(ctx, "account_ids", accountIDs)
	if err != nil {
		return err
	}
	return o.st.RemoveProjectUsers(ctx, p.by(auth.ProjectsManage, false), projectID, ids)
}

// AddProjectTeams puts groups on a project as teams with an access; one already a team of it refuses all.
func (o *Ops) AddProjectTeams(ctx context.Context, p Principal, projectID int64, groupIDs []int64, acc string) error {
	ids, err := some(ctx, "group_ids", groupIDs)
	if err != nil {
		return err
	}
	if err := access(ctx, acc); err != nil {
		return err
	}
	return o.st.AddProjectTeams(ctx, p.by(auth.ProjectsManage, false), projectID, ids, acc)
}

// SetProjectTeam changes the access of a group-team of a project.
func (o *Ops) SetProjectTeam(ctx context.Context, p Principal, projectID, groupID int64, acc string) error {
	if err := access(ctx, acc); err != nil {
		return err
	}
	return o.st.SetProjectTeam(ctx, p.by(auth.ProjectsManage, false), projectID, groupID, acc)
}

// PutProjectTeam puts a group on a project as a team with an access, or changes its access if it is one.
func (o *Ops) PutProjectTeam(ctx context.Context, p Principal, projectID, groupID int64, acc string) error {
	err := o.SetProjectTeam(ctx, p, projectID, groupID, acc)
	if errors.Is(err, store.ErrNotAssigned) {
		err = o.AddProjectTeams(ctx, p, projectID, []int64{groupID}, acc)
	}
	return err
}

// RemoveProjectTeams takes group-teams off a project; a group not a team of it refuses all.
func (o *Ops) RemoveProjectTeams(ctx context.Context, p Principal, projectID int64, groupIDs []int64) error {
	ids, err := some(ctx, "group_ids", groupIDs)
	if err != nil {
		return err
	}
	return o.st.RemoveProjectTeams(ctx, p.by(auth.ProjectsManage, false), projectID, ids)
}

// RemoveFromProject takes people and group-teams off a project, the teams
// checked first so that a refusal of either leaves the project as it was.
func (o *Ops) RemoveFromProject(ctx context.Context, p Principal, projectID int64, accountIDs, groupIDs []int64) error {
	users, err := IDs(ctx, "account_ids", accountIDs)
	if err != nil {
		return err
	}
	teams, err := IDs(ctx, "group_ids", groupIDs)
	if err != nil {
		return err
	}
	if len(users) == 0 && len(teams) == 0 {
		return fieldError(ctx, "account_ids", "err_required")
	}
	if len(teams) > 0 {
		on, err := o.st.ProjectTeams(ctx, p.TenantID, projectID)
		if err != nil {
			return err
		}
		for _, id := range teams {
			if !slices.ContainsFunc(on, func(t store.TeamRef) bool { return t.GroupID == id }) {
				return store.ErrNotAssigned
			}
		}
	}
	if len(users) > 0 {
		if err := o.RemoveProjectUsers(ctx, p, projectID, users); err != nil {
			return err
		}
	}
	if len(teams) > 0 {
		return o.RemoveProjectTeams(ctx, p, projectID, teams)
	}
	return nil
}
