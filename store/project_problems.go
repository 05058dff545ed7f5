package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// ProblemCause is one reason some of a project's people are misconfigured:
// the teams they are on, the same for all of them. No team (OwnTeam false, no
// GroupIDs) is "on no team"; anything else names two teams or more.
type ProblemCause struct {
	OwnTeam  bool
	GroupIDs []int64 // sorted
	Count    int
	People   []ProblemPerson // the first few, by name
}

// ProblemPerson is one misconfigured person, as a cause names them.
type ProblemPerson struct {
	AccountID int64
	Name      string
	Email     string
}

// problemPeople is every misconfigured person of project ? (tenant ?, twice)
// with the teams they are on: own (0/1) and the group-teams' ids, sorted.
// An expired group membership puts nobody on the group's team.
func problemPeople(now int64) string {
	return `SELECT account_id, MAX(own) AS own, COALESCE(string_agg(CAST(gid AS TEXT), ' ' ORDER BY gid), '') AS gids
	FROM (SELECT account_id, team AS own, NULL AS gid, team AS t FROM project_users WHERE tenant_id = ? AND project_id = ?
		UNION ALL SELECT gm.account_id, 0, pt.group_id, 1 FROM project_teams pt
		JOIN group_members gm ON gm.group_id = pt.group_id WHERE pt.tenant_id = ? AND pt.project_id = ? AND ` + live("gm", now) + `) u
	GROUP BY account_id HAVING SUM(t) <> 1`
}

// ProjectProblemCauses groups a project's misconfigured people by cause, the
// largest first, with the first perCause people of each by name, in one
// query; at most maxCauses causes, and total says how many there are.
func (s *Store) ProjectProblemCauses(ctx context.Context, tenantID, projectID int64, perCause, maxCauses int) (causes []ProblemCause, total int, err error) {
	rows, err := s.query(ctx, `SELECT own, gids, cnt, ncauses, id, first_name, last_name, email FROM (
		SELECT r.*, MAX(crank) OVER () AS ncauses FROM (
			SELECT c.*, DENSE_RANK() OVER (ORDER BY c.cnt DESC, c.own, c.gids) AS crank FROM (
				SELECT m.own, m.gids, a.id, a.first_name, a.last_name, COALESCE(a.email, '') AS email,
					COUNT(*) OVER (PARTITION BY m.own, m.gids) AS cnt,
					ROW_NUMBER() OVER (PARTITION BY m.own, m.gids ORDER BY a.sort_name, a.id) AS rn
				FROM (`+problemPeople(s.unix())+`) m JOIN accounts a ON a.id = m.account_id WHERE `+ofTenant+`) c) r) x
		WHERE rn <= ? AND crank <= ? ORDER BY crank, rn`,
		tenantID, projectID, tenantID, projectID, tenantID, tenantID, perCause, maxCauses)
	if err != nil {
		return nil, 0, fmt.Errorf("store: project problem causes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var own int64
		var gids, first, last string
		var cnt int
		var p ProblemPerson
		if err := rows.Scan(&own, &gids, &cnt, &total, &p.AccountID, &first, &last, &p.Email); err != nil {
			return nil, 0, fmt.Errorf("store: project problem causes: %w", err)
		}
		p.Name = strings.TrimSpace(first + " " + last)
		if n := len(causes); n == 0 || causes[n-1].OwnTeam != (own != 0) || groupKey(causes[n-1].GroupIDs) != gids {
			causes = append(causes, ProblemCause{OwnTeam: own != 0, GroupIDs: parseGroupKey(gids), Count: cnt})
		}
		c := &causes[len(causes)-1]
		c.People = append(c.People, p)
	}
	return causes, total, rows.Err()
}

// groupKey is a sorted list of group ids as problemPeople writes it.
func groupKey(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, " ")
}

func parseGroupKey(s string) []int64 {
	var out []int64
	for _, f := range strings.Fields(s) {
		id, _ := strconv.ParseInt(f, 10, 64)
		out = append(out, id)
	}
	return out
}
