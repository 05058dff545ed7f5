package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// ProjectAccessRow is one person on one project (ProjectID 0: on no project),
// for the users-and-projects export.
type ProjectAccessRow struct {
	Account
	ProjectID   int64
	ProjectName string
	Placement
}

// EachProjectAccess streams every person of the tenant with each project they
// are on, in one query, ordered by person then project; people on no project
// come once with ProjectID 0. With projectID set, only that project's people.
// fn's row is reused between calls; an error from fn or ctx ending stops it.
func (s *Store) EachProjectAccess(ctx context.Context, tenantID, projectID int64, fn func(*ProjectAccessRow) error) error {
	scope, join := "", "LEFT JOIN"
	args := []any{tenantID, tenantID}
	if projectID != 0 {
		scope, join = " AND project_id = ?", "JOIN"
		args = []any{tenantID, projectID, tenantID, projectID}
	}
	q := `SELECT a.id, a.login, a.first_name, a.last_name, COALESCE(a.email, ''), a.user_type, a.status,
		COALESCE(p.id, 0), COALESCE(p.name, ''), COALESCE(m.individual, 0), COALESCE(m.own_team, 0),
		COALESCE(m.own_access, ''), COALESCE(m.groups, '')
		FROM accounts a ` + join + ` (SELECT project_id, account_id, MAX(ind) AS individual, MAX(own) AS own_team,
			MAX(oacc) AS own_access, string_agg(CAST(gid AS TEXT), ' ') AS groups FROM (
			SELECT project_id, account_id, 1 AS ind, team AS own, access AS oacc, NULL AS gid FROM project_users
			WHERE tenant_id = ?` + scope + `
			UNION ALL SELECT project_id, gm.account_id, 0, 0, NULL, pt.group_id || ':' || pt.access FROM project_teams pt
			JOIN group_members gm ON gm.group_id = pt.group_id WHERE pt.tenant_id = ? AND ` + live("gm", s.unix()) + `` + strings.ReplaceAll(scope, "project_id", "pt.project_id") + `) u
			GROUP BY project_id, account_id) m ON m.account_id = a.id
		LEFT JOIN projects p ON p.id = m.project_id
		WHERE a.tenant_id = ? AND a.kind = 'user'
		ORDER BY a.sort_name, a.id, p.name_key, p.id`
	args = append(args, tenantID)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: project access: %w", err)
	}
	defer rows.Close()
	var r ProjectAccessRow
	for rows.Next() {
		var groups string
		r.Account, r.Placement = Account{}, Placement{GroupIDs: r.GroupIDs[:0], Groups: r.Groups[:0]}
		if err := rows.Scan(&r.Account.ID, &r.Login, &r.FirstName, &r.LastName, &r.Account.Email, &r.Account.UserType,
			&r.Account.Status, &r.ProjectID, &r.ProjectName, &r.Individual, &r.OwnTeam, &r.OwnAccess, &groups); err != nil {
			return fmt.Errorf("store: project access: %w", err)
		}
		r.Placement.AccountID, r.Placement.UserType = r.Account.ID, r.Account.UserType
		for _, g := range strings.Fields(groups) {
			idPart, access, _ := strings.Cut(g, ":")
			id, _ := strconv.ParseInt(idPart, 10, 64)
			r.GroupIDs = append(r.GroupIDs, id)
			r.Groups = append(r.Groups, TeamRef{GroupID: id, Access: access})
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: project access: %w", err)
	}
	return nil
}
