package views

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/console-dev/console/store"
)

// BulkPreview is what a bulk action would do, shown before it starts.
type BulkPreview struct {
	Action  string
	Name    string     // the role, group or user type it takes, or ""
	Until   string     // the grant's end date ("2027-01-31"), or ""
	Keep    url.Values // the form's fields, sent again to start it
	Total   int
	Checked int // the first Checked people were rehearsed one by one
	Change  int
	Sample  []string
	Skips   []BulkSkip
	Error   string // why it cannot start
}

// BulkSkip is a reason people would be skipped, and how many.
type BulkSkip struct {
	Reason string
	Count  int
}

// JobView is a bulk action's page.
type JobView struct {
	store.Job
	What      string // "Give a role: Auditor"
	CanCancel bool
	Problems  []JobProblem // the first people not done, with the reason
}

// JobProblem is one person a job did not change.
type JobProblem struct {
	AccountID int64
	Login     string
	Reason    string
}

// Percent is how far the job has gone.
func (j JobView) Percent() int {
	if j.Total == 0 {
		return 100
	}
	return (j.Total - j.Left()) * 100 / j.Total
}

// URL is the job's page.
func (j JobView) URL() string { return "/jobs/" + strconv.FormatInt(j.ID, 10) }

// bulkQuery is the users table's query string, for "all matching".
func bulkQuery(vm Users) string {
	_, q, _ := strings.Cut(vm.URL, "?")
	return q
}

// BulkActions are the actions the users table's bulk bar offers.
var BulkActions = []string{"activate", "deactivate", "add_role", "remove_role", "add_to_group", "remove_from_group",
	"set_user_type", "resend_invitation", "delete_pending"}

// bulkPeople is "1 person" or "12,345 people".
func bulkPeople(ctx context.Context, n int) string {
	if n == 1 {
		return T(ctx, "bulk_people_one")
	}
	return T(ctx, "bulk_people_other", map[string]any{"Count": Num(ctx, n)})
}
