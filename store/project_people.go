package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// TeamRef is a group added to a project as a team.
type TeamRef struct {
	GroupID int64
	Name    string
	Access  string
	Members int
}

// Placement is where one person stands in one project: added one by one
// (Individual, with their Team box and access) and/or through group-teams.
type Placement struct {
	AccountID  int64
	SortName   string
	Name       string
	Email      string
	UserType   string
	Status     string
	Individual bool
	OwnTeam    bool
	OwnAccess  string
	GroupIDs   []int64
	Groups     []TeamRef // filled from the project's teams
}

// TeamCount is how many teams the person is on: exactly one is right.
func (p Placement) TeamCount() int {
	n := len(p.GroupIDs)
	if p.OwnTeam {
		n++
	}
	return n
}

// Access is the person's effective access: read for a read-only user, else
// their one team's; "" when misconfigured (never guessed).
func (p Placement) Access() string {
	switch {
	case p.TeamCount() != 1:
		return ""
	case p.UserType == "read_only":
		return "read"
	case p.OwnTeam:
		return p.OwnAccess
	case len(p.Groups) == 1:
		return p.Groups[0].Access
	}
	return ""
}

// ProjectTeams lists a project's group-teams with their member counts.
func (s *Store) ProjectTeams(ctx context.Context, tenantID, projectID int64) ([]TeamRef, error) {
	rows, err := s.query(ctx, `SELECT g.id, g.name, pt.access, g.member_count FROM project_teams pt
		JOIN user_groups g ON g.id = pt.group_id WHERE pt.tenant_id = ? AND pt.project_id = ? ORDER BY g.name_key, g.id`,
		tenantID, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: project teams: %w", err)
	}
	defer rows.Close()
	var out []TeamRef
	for rows.Next() {
		var t TeamRef
		if err := rows.Scan(&t.GroupID, &t.Name, &t.Access, &t.Members); err != nil {
			return nil, fmt.Errorf("store: project teams: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ProjectPeople pages everyone on a project by name (added one by one or
// through a team), with their teams counted in SQL; onlyProblems keeps the
// misconfigured. Each page is one query however many people the project has.
func (s *Store) ProjectPeople(ctx context.Context, tenantID, projectID int64, onlyProblems bool, afterName string, afterID int64, limit int) ([]Placement, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	q := `SELECT a.id, a.sort_name, a.first_name, a.last_name, COALESCE(a.email, ''), a.user_type, a.status,
		m.individual, m.own_team, COALESCE(m.own_access, ''), COALESCE(m.groups, '')
		FROM (SELECT account_id, MAX(ind) AS individual, MAX(own) AS own_team, MAX(oacc) AS own_access,
			string_agg(CAST(gid AS TEXT), ' ') AS groups, SUM(t) AS teams FROM (
			SELECT account_id, 1 AS ind, team AS own, access AS oacc, NULL AS gid, team AS t FROM project_users
			WHERE tenant_id = ? AND project_id = ?
			UNION ALL SELECT gm.account_id, 0, 0, NULL, pt.group_id, 1 FROM project_teams pt
			JOIN group_members gm ON gm.group_id = pt.group_id WHERE pt.tenant_id = ? AND pt.project_id = ? AND ` + live("gm", s.unix()) + `) u
			GROUP BY account_id) m
		JOIN accounts a ON a.id = m.account_id
		WHERE ` + ofTenant + ` AND (a.sort_name, a.id) > (?, ?)`
	if onlyProblems {
		q += ` AND m.teams <> 1`
	}
	q += ` ORDER BY a.sort_name, a.id LIMIT ?`
	rows, err := s.query(ctx, q, tenantID, projectID, tenantID, projectID, tenantID, tenantID, afterName, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: project people: %w", err)
	}
	defer rows.Close()
	var out []Placement
	for rows.Next() {
		var p Placement
		var first, last, groups string
		if err := rows.Scan(&p.AccountID, &p.SortName, &first, &last, &p.Email, &p.UserType, &p.Status,
			&p.Individual, &p.OwnTeam, &p.OwnAccess, &groups); err != nil {
			return nil, fmt.Errorf("store: project people: %w", err)
		}
		p.Name = strings.TrimSpace(first + " " + last)
		for _, g := range strings.Fields(groups) {
			id, _ := strconv.ParseInt(g, 10, 64)
			p.GroupIDs = append(p.GroupIDs, id)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AccountPlacement is one project of a person, as their sidebar shows it.
type AccountPlacement struct {
	ProjectID   int64
	ProjectName string
	Placement
}

// AccountProjects lists the projects a person is on and how, in one query.
func (s *Store) AccountProjects(ctx context.Context, tenantID, accountID int64) ([]AccountPlacement, error) {
	rows, err := s.query(ctx, `SELECT p.id, p.name, a.user_type, MAX(m.ind), MAX(m.own), COALESCE(MAX(m.oacc), ''),
		COALESCE(string_agg(m.gid || ':' || m.gacc || ':' || m.gname, '|' ORDER BY m.gname, m.gid), '')
		FROM (SELECT project_id, 1 AS ind, team AS own, access AS oacc, NULL AS gid, NULL AS gacc, NULL AS gname
			FROM project_users WHERE tenant_id = ? AND account_id = ?
			UNION ALL SELECT pt.project_id, 0, 0, NULL, g.id, pt.access, g.name FROM group_members gm
			JOIN project_teams pt ON pt.group_id = gm.group_id JOIN user_groups g ON g.id = gm.group_id
			WHERE gm.tenant_id = ? AND gm.account_id = ? AND `+live("gm", s.unix())+`) m
		JOIN projects p ON p.id = m.project_id JOIN accounts a ON a.id = ?
		GROUP BY p.id, a.user_type ORDER BY p.name_key, p.id`, tenantID, accountID, tenantID, accountID, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: account projects: %w", err)
	}
	defer rows.Close()
	var out []AccountPlacement
	for rows.Next() {
		var ap AccountPlacement
		var groups string
		if err := rows.Scan(&ap.ProjectID, &ap.ProjectName, &ap.UserType, &ap.Individual, &ap.OwnTeam, &ap.OwnAccess, &groups); err != nil {
			return nil, fmt.Errorf("store: account projects: %w", err)
		}
		ap.AccountID = accountID
		for _, g := range strings.Split(groups, "|") {
			parts := strings.SplitN(g, ":", 3)
			if len(parts) != 3 {
				continue
			}
			id, _ := strconv.ParseInt(parts[0], 10, 64)
			ap.GroupIDs = append(ap.GroupIDs, id)
			ap.Groups = append(ap.Groups, TeamRef{GroupID: id, Access: parts[1], Name: parts[2]})
		}
		out = append(out, ap)
	}
	return out, rows.Err()
}
