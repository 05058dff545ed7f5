package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// ErrNoSuchProblem means no one of the project has the misconfiguration a fix names (any more).
var ErrNoSuchProblem = errors.New("store: no such misconfiguration")

// SetCauseTeamBox fixes, in one transaction, at most limit people of one
// misconfiguration cause with their Team box: ticked for people on no team
// (they are added one by one, so it makes each a team of one), cleared for
// people on their own team and group-teams (they stay through the groups).
// The people are read inside the transaction; none left is ErrNoSuchProblem.
// It returns how many were changed.
func (s *Store) SetCauseTeamBox(ctx context.Context, by Actor, projectID int64, ownTeam bool, groupIDs []int64, limit int) (int, error) {
	groupIDs = slices.Compact(slices.Sorted(slices.Values(groupIDs)))
	tick := !ownTeam && len(groupIDs) == 0
	if !tick && (!ownTeam || len(groupIDs) == 0) {
		return 0, ErrNoSuchProblem // two group-teams: no box to change
	}
	var changed []int64
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if _, err := tx.project(ctx, by.TenantID, projectID); err != nil {
			return err
		}
		own := 0
		if ownTeam {
			own = 1
		}
		var err error
		changed, err = ids(tx.query(ctx, `SELECT account_id FROM (`+problemPeople(tx.s.unix())+`) m WHERE own = ? AND gids = ? ORDER BY account_id LIMIT ?`,
			by.TenantID, projectID, by.TenantID, projectID, own, groupKey(groupIDs), limit))
		if err != nil {
			return err
		}
		if len(changed) == 0 {
			return ErrNoSuchProblem
		}
		for chunk := range chunks(changed, 500) {
			args := []any{tick, by.TenantID, projectID}
			for _, id := range chunk {
				args = append(args, id)
			}
			if _, err := tx.exec(ctx, `UPDATE project_users SET team = ? WHERE tenant_id = ? AND project_id = ? AND account_id IN (`+
				placeholders(len(chunk))+`)`, args...); err != nil {
				return fmt.Errorf("store: cause team box: %w", err)
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionProjectUsersTeam,
			TargetType: "project", TargetID: projectID, Details: map[string]any{"account_ids": changed,
				"before": map[string]any{"team": !tick}, "after": map[string]any{"team": tick}}})
	})
	if err != nil {
		return 0, err
	}
	return len(changed), nil
}
