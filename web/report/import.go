package report

import (
	"context"
	"encoding/json"
	"io"
	"strconv"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// ImportItem is what an import job's item says of its row (its payload,
// as ops/importer wrote it).
type ImportItem struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
	Detail string `json:"detail"`
	In     struct {
		Login string `json:"login"`
		Email string `json:"email"`
	} `json:"in"`
}

// ReadImportItem reads an item's payload ("" or unreadable: the zero item).
func ReadImportItem(payload string) ImportItem {
	var it ImportItem
	_ = json.Unmarshal([]byte(payload), &it)
	return it
}

// ImportReason is an import row's reason in words, with what it names:
// the line it repeats, the unknown role, the tenant.
func ImportReason(ctx context.Context, key, detail string) string {
	msg := i18n.T(ctx, key)
	switch {
	case detail == "" || key == "":
	case key == "import_err_duplicate":
		msg += " (" + i18n.T(ctx, "import_line", map[string]any{"Line": detail}) + ")"
	default:
		msg += " (" + detail + ")"
	}
	return msg
}

// ImportResults writes an import job's results, one row per row of the
// file: its line, login and email, what became of it and, for every row
// not applied, why. The detail a reason names is the one planned from the
// file (a duplicate's earlier line) when the apply gave the same reason.
func ImportResults(ctx context.Context, st *store.Store, w io.Writer, j store.Job) error {
	cols := []column{{title: i18n.T(ctx, "import_col_line")}, {title: i18n.T(ctx, "col_login")}, {title: i18n.T(ctx, "import_field_email")},
		{title: i18n.T(ctx, "job_col_outcome")}, {title: i18n.T(ctx, "job_col_reason")}}
	s, err := newCSV(w, cols)
	if err != nil {
		return err
	}
	err = st.EachJobItem(ctx, j.ID, 0, 0, func(it store.JobItem) error {
		row := ReadImportItem(it.Payload)
		outcome, reason := i18n.T(ctx, "job_outcome_left"), ""
		if it.Outcome != "" {
			outcome = i18n.T(ctx, "job_outcome_"+it.Outcome)
		}
		if it.Reason != "" && it.Outcome != "done" {
			detail := ""
			if row.Reason == it.Reason {
				detail = row.Detail
			}
			reason = ImportReason(ctx, it.Reason, detail)
		}
		return s.row([]string{strconv.Itoa(row.Line), row.In.Login, row.In.Email, outcome, reason})
	})
	if err != nil {
		return err
	}
	return s.close()
}
