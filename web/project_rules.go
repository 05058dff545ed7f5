package web

import (
	"context"
	"strings"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

func teamsByID(teams []store.TeamRef) map[int64]store.TeamRef {
	m := make(map[int64]store.TeamRef, len(teams))
	for _, t := range teams {
		m[t.GroupID] = t
	}
	return m
}

// withGroups fills a placement's group-teams (names and access) from the
// project's teams, as Access needs them.
func withGroups(pl store.Placement, teams map[int64]store.TeamRef) store.Placement {
	pl.Groups = nil
	for _, id := range pl.GroupIDs {
		if t, ok := teams[id]; ok {
			pl.Groups = append(pl.Groups, t)
		}
	}
	return pl
}

// teamNames names the teams a person is on: their own, then group-teams.
func teamNames(ctx context.Context, pl store.Placement) []string {
	var names []string
	if pl.OwnTeam {
		names = append(names, i18n.T(ctx, "pp_own_team"))
	}
	for _, g := range pl.Groups {
		names = append(names, g.Name)
	}
	return names
}

// andList joins names as a sentence does: "A, B and C".
func andList(ctx context.Context, names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + i18n.T(ctx, "group_held_and") + names[len(names)-1]
}

// problemReason says why a person is misconfigured: "on no team" or "on teams A and B".
func problemReason(ctx context.Context, pl store.Placement) string {
	if pl.TeamCount() == 0 {
		return i18n.T(ctx, "pp_reason_none")
	}
	return i18n.T(ctx, "pp_reason_many", map[string]any{"Teams": andList(ctx, teamNames(ctx, pl))})
}

// userProjects is the user sidebar's Projects section from one query.
func userProjects(ctx context.Context, aps []store.AccountPlacement) []views.UserProject {
	var out []views.UserProject
	for _, ap := range aps {
		pl := ap.Placement
		up := views.UserProject{ID: ap.ProjectID, Name: ap.ProjectName, Access: pl.Access()}
		switch names := teamNames(ctx, pl); {
		case pl.TeamCount() != 1:
			up.Problem = problemReason(ctx, pl)
		case pl.OwnTeam:
			up.Teams = i18n.T(ctx, "pp_own_team_long")
		default:
			up.Teams = i18n.T(ctx, "pp_via_team", map[string]any{"Name": names[0]})
		}
		if up.Access != "" && pl.UserType == "read_only" {
			up.Teams += i18n.T(ctx, "up_read_only_cap")
		}
		out = append(out, up)
	}
	return out
}
