package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/report"
)

// jobProblems is how many skipped or failed people a job's page lists; the
// results file has them all.
const jobProblems = 100

// jobVM is a job as its page shows it: progress, counts, and the people
// not done with the reason.
func (h *Handler) jobVM(c echo.Context, j store.Job) (views.JobView, error) {
	ctx := c.Request().Context()
	vm := views.JobView{Job: j, What: h.jobWhat(c, j), CanCancel: j.Open() && who(c).Perms.Has(auth.UsersManage)}
	if j.Open() {
		return vm, nil
	}
	problems, err := h.store.JobProblems(ctx, j.ID, jobProblems)
	for _, it := range problems {
		pr := views.JobProblem{AccountID: it.AccountID, Login: it.Label, Reason: i18n.T(ctx, it.Reason)}
		if j.Action == "import" { // a row of the file: its line, and what its reason names
			row := report.ReadImportItem(it.Payload)
			pr.Login = i18n.T(ctx, "import_line", map[string]any{"Line": row.Line}) + " · " + it.Label
			if row.Reason != it.Reason {
				row.Detail = ""
			}
			pr.Reason = report.ImportReason(ctx, it.Reason, row.Detail)
		}
		vm.Problems = append(vm.Problems, pr)
	}
	return vm, err
}

// jobWhat says what a job does: "Give a role: Auditor".
func (h *Handler) jobWhat(c echo.Context, j store.Job) string {
	ctx := c.Request().Context()
	var params ops.JobParams
	_ = json.Unmarshal([]byte(j.Params), &params)
	what := i18n.T(ctx, "job_action_"+j.Action)
	if name := h.jobParamName(c, params); name != "" {
		what = jobWhatNamed(ctx, what, name, params.ExpiresAt)
	}
	return what
}

// jobParamName names what a job's action takes: the role, the group or the
// user type ("" for none, or one deleted since).
func (h *Handler) jobParamName(c echo.Context, params ops.JobParams) string {
	ctx := c.Request().Context()
	switch {
	case params.RoleID != 0:
		if r, err := h.store.Role(ctx, who(c).Tenant.ID, params.RoleID); err == nil {
			return roleLabel(ctx, r.BuiltinKey, r.Name)
		}
	case params.GroupID != 0:
		if g, err := h.store.Group(ctx, who(c).Tenant.ID, params.GroupID); err == nil {
			return g.Name
		}
	case params.UserType != "":
		return i18n.T(ctx, "type_"+params.UserType)
	}
	return ""
}

// jobWhatNamed is "Give a role: Auditor", with the grant's end when it has one.
func jobWhatNamed(ctx context.Context, action, name, expiresAt string) string {
	if expiresAt == "" {
		return i18n.T(ctx, "job_what", map[string]any{"Action": action, "Name": name})
	}
	return i18n.T(ctx, "job_what_until", map[string]any{"Action": action, "Name": name, "Date": untilDate(expiresAt)})
}

func (h *Handler) jobOf(c echo.Context) (store.Job, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Job{}, store.ErrNotFound
	}
	return h.store.Job(c.Request().Context(), who(c).Tenant.ID, id)
}

// jobShow is a job's page; its progress block (an htmx poll while the job
// runs) is the same page's fragment.
func (h *Handler) jobShow(c echo.Context) error {
	j, err := h.jobOf(c)
	if err != nil {
		return err
	}
	vm, err := h.jobVM(c, j)
	if err != nil {
		return err
	}
	if isHTMX(c) && hxTarget(c) == "job-progress" {
		return render(c, http.StatusOK, views.JobProgress(vm))
	}
	return page(c, http.StatusOK, views.JobPage(vm), views.JobBlock(vm))
}

// jobCancel stops a job; what is done stays done.
func (h *Handler) jobCancel(c echo.Context) error {
	j, err := h.jobOf(c)
	if err != nil {
		return err
	}
	if j, err = h.ops.CancelJob(c.Request().Context(), by(c), j.ID); err != nil {
		return err
	}
	if !isHTMX(c) {
		return redirect(c, "/jobs/"+strconv.FormatInt(j.ID, 10))
	}
	vm, err := h.jobVM(c, j)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.JobProgress(vm))
}

// jobList lists the tenant's latest bulk actions.
func (h *Handler) jobList(c echo.Context) error {
	jobs, err := h.store.Jobs(c.Request().Context(), who(c).Tenant.ID, 50)
	if err != nil {
		return err
	}
	rows := make([]views.JobView, len(jobs))
	for i, j := range jobs {
		rows[i] = views.JobView{Job: j, What: h.jobWhat(c, j)}
	}
	return page(c, http.StatusOK, views.JobsPage(rows), views.JobsBlock(rows))
}

// jobResults downloads a job's results, one row per person: done, skipped
// or failed, with the reason; cells that a spreadsheet would run as a
// formula are neutralised as in every export.
func (h *Handler) jobResults(c echo.Context) error {
	ctx := c.Request().Context()
	j, err := h.jobOf(c)
	if err != nil {
		return err
	}
	name, results := "bulk-action-", report.JobResults
	if j.Action == "import" {
		name, results = "import-", report.ImportResults
	}
	file := report.FileName(who(c).Tenant.Slug, name+strconv.FormatInt(j.ID, 10), report.CSV, j.CreatedAt)
	return report.Send(c.Response(), report.CSV, file, func(w io.Writer) error {
		return results(ctx, h.store, w, j)
	})
}
