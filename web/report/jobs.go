package report

import (
	"context"
	"io"
	"strconv"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// JobResults writes a bulk action's results, one row per person in the
// order the job took them: its login, what became of it and why.
func JobResults(ctx context.Context, st *store.Store, w io.Writer, j store.Job) error {
	cols := []column{{title: i18n.T(ctx, "job_col_seq")}, {title: i18n.T(ctx, "job_col_account")}, {title: i18n.T(ctx, "col_login")},
		{title: i18n.T(ctx, "job_col_outcome")}, {title: i18n.T(ctx, "job_col_reason")}}
	s, err := newCSV(w, cols)
	if err != nil {
		return err
	}
	err = st.EachJobItem(ctx, j.ID, 0, 0, func(it store.JobItem) error {
		outcome, reason := i18n.T(ctx, "job_outcome_left"), ""
		if it.Outcome != "" {
			outcome = i18n.T(ctx, "job_outcome_"+it.Outcome)
		}
		if it.Reason != "" {
			reason = i18n.T(ctx, it.Reason)
		}
		return s.row([]string{strconv.Itoa(it.Seq), strconv.FormatInt(it.AccountID, 10), it.Label, outcome, reason})
	})
	if err != nil {
		return err
	}
	return s.close()
}
