package report

import (
	"context"
	"io"
	"strconv"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// ProjectAccess writes the users-and-projects export: each person with each
// project they are on (projectID 0: every project, and people on none), their
// effective access, their team and any misconfiguration. One query, streamed.
func ProjectAccess(ctx context.Context, st *store.Store, w io.Writer, format Format, tenantID, projectID int64, o Options) error {
	ctx = o.context(ctx)
	groups, err := st.GroupNames(ctx, tenantID)
	if err != nil {
		return err
	}
	t := func(k string) string { return i18n.T(ctx, k) }
	sh, err := newSheet(format, w, t("rep_projects_sheet"), []column{
		{t("rep_col_login"), 22, false}, {t("rep_col_first_name"), 16, false}, {t("rep_col_last_name"), 18, false}, {t("rep_col_email"), 30, false},
		{t("rep_col_user_type"), 13, false}, {t("rep_col_status"), 12, false}, {t("rep_col_project"), 28, false}, {t("rep_col_added"), 28, false},
		{t("rep_col_access"), 12, false}, {t("rep_col_team"), 28, false}, {t("rep_col_problem"), 28, false},
	})
	if err != nil {
		return err
	}
	cells := make([]string, 11)
	var added, teams []string
	err = st.EachProjectAccess(ctx, tenantID, projectID, func(r *store.ProjectAccessRow) error {
		cells[0], cells[1], cells[2], cells[3] = r.Login, r.FirstName, r.LastName, r.Account.Email
		cells[4], cells[5] = t("type_"+r.Account.UserType), t("status_"+r.Account.Status)
		for i := 6; i < len(cells); i++ {
			cells[i] = ""
		}
		if r.ProjectID == 0 {
			cells[6] = t("rep_no_project")
			return sh.row(cells)
		}
		added, teams = added[:0], teams[:0]
		if r.Individual {
			added = append(added, t("rep_added_individually"))
		}
		if r.OwnTeam {
			teams = append(teams, t("rep_own_team"))
		}
		for i := range r.Groups {
			name := groups[r.Groups[i].GroupID]
			r.Groups[i].Name = name
			added = append(added, i18n.T(ctx, "rep_source_group", map[string]any{"Group": name}))
			teams = append(teams, name)
		}
		cells[6], cells[7], cells[9] = r.ProjectName, list(added), list(teams)
		if a := r.Placement.Access(); a != "" {
			cells[8] = t("rep_access_" + a)
		}
		switch n := r.TeamCount(); {
		case n == 0:
			cells[10] = t("rep_problem_no_team")
		case n > 1:
			cells[10] = i18n.T(ctx, "rep_problem_teams", map[string]any{"Count": strconv.Itoa(n)})
		}
		return sh.row(cells)
	})
	if err != nil {
		return err
	}
	return sh.close()
}
