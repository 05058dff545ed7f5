package store

import (
	"context"
	"fmt"
	"slices"
)

func validAccess(a string) bool { return a == "read" || a == "write" }

// AddProjectUsers adds people one by one with an access and the Team box.
// Someone already on the project, an account of another tenant, or an access
// other than read/write refuses the whole change.
func (s *Store) AddProjectUsers(ctx context.Context, by Actor, projectID int64, accountIDs []int64, access string, team bool) error {
	if !validAccess(access) {
		return ErrBadAccess
	}
	ids := slices.Compact(slices.Sorted(slices.Values(accountIDs)))
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if _, err := tx.project(ctx, by.TenantID, projectID); err != nil {
			return err
		}
		if err := tx.checkAccounts(ctx, by.TenantID, ids); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.exec(ctx, `INSERT INTO project_users (tenant_id, project_id, account_id, access, team) VALUES (?, ?, ?, ?, ?)`,
				by.TenantID, projectID, id, access, team); err != nil {
				if isUnique(err) {
					return ErrAlreadyAssigned
				}
				return fmt.Errorf("store: project users: %w", err)
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectUsersAdd,
			TargetType: "project", TargetID: projectID, Details: map[string]any{"before": map[string]any{},
				"after": map[string]any{"account_ids": ids, "access": access, "team": team}}})
	})
}

// SetProjectUser changes one person's access and Team box on a project.
func (s *Store) SetProjectUser(ctx context.Context, by Actor, projectID, accountID int64, access string, team bool) error {
	if !validAccess(access) {
		return ErrBadAccess
	}
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var before string
		var beforeTeam bool
		if err := tx.queryRow(ctx, `SELECT access, team FROM project_users WHERE tenant_id = ? AND project_id = ? AND account_id = ?`,
			by.TenantID, projectID, accountID).Scan(&before, &beforeTeam); err != nil {
			if notFound(err) == ErrNotFound {
				return ErrNotAssigned
			}
			return fmt.Errorf("store: project user: %w", err)
		}
		if before == access && beforeTeam == team {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE project_users SET access = ?, team = ? WHERE tenant_id = ? AND project_id = ? AND account_id = ?`,
			access, team, by.TenantID, projectID, accountID); err != nil {
			return fmt.Errorf("store: project user: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectUsersUpdate,
			TargetType: "project", TargetID: projectID, Details: map[string]any{"account_id": accountID,
				"before": map[string]any{"access": before, "team": beforeTeam}, "after": map[string]any{"access": access, "team": team}}})
	})
}

// RemoveProjectUsers takes people added one by one off a project; someone not
// on it refuses the whole change.
func (s *Store) RemoveProjectUsers(ctx context.Context, by Actor, projectID int64, accountIDs []int64) error {
	ids := slices.Compact(slices.Sorted(slices.Values(accountIDs)))
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if _, err := tx.project(ctx, by.TenantID, projectID); err != nil {
			return err
		}
		for _, id := range ids {
			res, err := tx.exec(ctx, `DELETE FROM project_users WHERE tenant_id = ? AND project_id = ? AND account_id = ?`,
				by.TenantID, projectID, id)
			if err != nil {
				return fmt.Errorf("store: project users: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotAssigned
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectUsersRemove,
			TargetType: "project", TargetID: projectID, Details: map[string]any{"before": map[string]any{"account_ids": ids},
				"after": map[string]any{}}})
	})
}

// AddProjectTeams adds groups as teams with an access; a group already a team
// of the project, or another tenant's, refuses the whole change.
func (s *Store) AddProjectTeams(ctx context.Context, by Actor, projectID int64, groupIDs []int64, access string) error {
	if !validAccess(access) {
		return ErrBadAccess
	}
	ids := slices.Compact(slices.Sorted(slices.Values(groupIDs)))
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if _, err := tx.project(ctx, by.TenantID, projectID); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.group(ctx, by.TenantID, id); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO project_teams (tenant_id, project_id, group_id, access) VALUES (?, ?, ?, ?)`,
				by.TenantID, projectID, id, access); err != nil {
				if isUnique(err) {
					return ErrAlreadyAssigned
				}
				return fmt.Errorf("store: project teams: %w", err)
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectTeamsAdd,
			TargetType: "project", TargetID: projectID, Details: map[string]any{"before": map[string]any{},
				"after": map[string]any{"group_ids": ids, "access": access}}})
	})
}

// SetProjectTeam changes a group-team's access on a project.
func (s *Store) SetProjectTeam(ctx context.Context, by Actor, projectID, groupID int64, access string) error {
	if !validAccess(access) {
		return ErrBadAccess
	}
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var before string
		if err := tx.queryRow(ctx, `SELECT access FROM project_teams WHERE tenant_id = ? AND project_id = ? AND group_id = ?`,
			by.TenantID, projectID, groupID).Scan(&before); err != nil {
			if notFound(err) == ErrNotFound {
				return ErrNotAssigned
			}
			return fmt.Errorf("store: project team: %w", err)
		}
		if before == access {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE project_teams SET access = ? WHERE tenant_id = ? AND project_id = ? AND group_id = ?`,
			access, by.TenantID, projectID, groupID); err != nil {
			return fmt.Errorf("store: project team: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectTeamsUpdate,
			TargetType: "project", TargetID: projectID, Details: map[string]any{"group_id": groupID,
				"before": map[string]any{"access": before}, "after": map[string]any{"access": access}}})
	})
}

// RemoveProjectTeams takes group-teams off a project; a group that is not a
// team of it refuses the whole change.
func (s *Store) RemoveProjectTeams(ctx context.Context, by Actor, projectID int64, groupIDs []int64) error {
	ids := slices.Compact(slices.Sorted(slices.Values(groupIDs)))
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if _, err := tx.project(ctx, by.TenantID, projectID); err != nil {
			return err
		}
		for _, id := range ids {
			res, err := tx.exec(ctx, `DELETE FROM project_teams WHERE tenant_id = ? AND project_id = ? AND group_id = ?`,
				by.TenantID, projectID, id)
			if err != nil {
				return fmt.Errorf("store: project teams: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotAssigned
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectTeamsRemove,
			TargetType: "project", TargetID: projectID, Details: map[string]any{"before": map[string]any{"group_ids": ids},
				"after": map[string]any{}}})
	})
}
