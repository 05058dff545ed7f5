package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/query"
)

// bulkSpec reads a bulk action from the users table's form: the action and
// its parameter, and the people: those ticked (account_id), or all those
// the table's filters (filter, the table's query string) match now.
func bulkSpec(c echo.Context) (ops.JobSpec, url.Values, error) {
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return ops.JobSpec{}, nil, &pageError{status: http.StatusRequestEntityTooLarge, key: "err_too_large"}
	}
	spec := ops.JobSpec{Action: form.Get("action")}
	keep := url.Values{"action": {spec.Action}, "scope": {form.Get("scope")}}
	switch spec.Action {
	case "add_role", "remove_role":
		spec.Params.RoleID, _ = strconv.ParseInt(form.Get("role_id"), 10, 64)
		keep.Set("role_id", form.Get("role_id"))
	case "add_to_group", "remove_from_group":
		spec.Params.GroupID, _ = strconv.ParseInt(form.Get("group_id"), 10, 64)
		keep.Set("group_id", form.Get("group_id"))
	}
	switch spec.Action {
	case "add_role", "add_to_group": // a grant may end (the field shows for these only)
		spec.Params.ExpiresAt = form.Get("expires_at")
		keep.Set("expires_at", spec.Params.ExpiresAt)
	case "set_user_type":
		spec.Params.UserType = form.Get("user_type")
		keep.Set("user_type", form.Get("user_type"))
	}
	if form.Get("scope") == "matching" {
		v, err := url.ParseQuery(form.Get("filter"))
		if err != nil {
			return spec, keep, &pageError{status: http.StatusUnprocessableEntity, key: "err_bad_request"}
		}
		q, _ := query.ParseUsers(v)
		q.Zone = views.Req(ctx).TZ
		f := q.Filter()
		f.Limit, f.After, f.Before = 0, "", ""
		spec.Filter = &f
		spec.Description = "filter:" + q.URL("/users")
		keep.Set("filter", form.Get("filter"))
		return spec, keep, nil
	}
	ids, bad := parseIDs(form["account_id"])
	if bad {
		return spec, keep, &ops.Error{Kind: ops.Invalid, Key: "job_err_unknown_ids"}
	}
	spec.IDs, spec.Description = ids, "ids"
	for _, id := range ids {
		keep.Add("account_id", strconv.FormatInt(id, 10))
	}
	return spec, keep, nil
}

// bulkPreview answers "Review…" on the users table: in the sidebar, what the
// bulk action would do (the count, a few names, what would be skipped and
// why), rehearsed by the operations without writing, and the button that
// starts it.
func (h *Handler) bulkPreview(c echo.Context) error {
	ctx := c.Request().Context()
	spec, keep, err := bulkSpec(c)
	if err != nil {
		return h.bulkRefused(c, err)
	}
	pv, err := h.ops.PreviewJob(ctx, by(c), spec)
	if err != nil {
		return h.bulkRefused(c, err)
	}
	vm := views.BulkPreview{Action: spec.Action, Keep: keep, Total: pv.Total, Checked: pv.Checked, Change: pv.Change,
		Name: h.jobParamName(c, spec.Params), Until: untilDate(spec.Params.ExpiresAt)}
	for _, a := range pv.Sample {
		vm.Sample = append(vm.Sample, a.Name()+" ("+a.Login+")")
	}
	for _, s := range pv.Skips {
		vm.Skips = append(vm.Skips, views.BulkSkip{Reason: i18n.T(ctx, s.Reason), Count: s.Count})
	}
	return render(c, http.StatusOK, views.BulkPreviewPanel(vm))
}

// untilDate is a grant's end as the date a person chose ("2027-01-31"): the
// console's date field means the start of that day, UTC.
func untilDate(expiresAt string) string {
	expiresAt = strings.TrimSpace(expiresAt)
	if at, err := time.Parse(time.RFC3339, expiresAt); err == nil {
		return at.UTC().Format(time.DateOnly)
	}
	return expiresAt
}

// bulkRefused says in the sidebar why the bulk action cannot start.
func (h *Handler) bulkRefused(c echo.Context, err error) error {
	ctx := c.Request().Context()
	e, ok := ops.As(err)
	if !ok {
		return err
	}
	msg := i18n.T(ctx, e.Key, e.Data)
	for _, m := range e.Fields {
		msg = m // the field's message says it best
	}
	return render(c, opsStatus[e.Kind], views.BulkPreviewPanel(views.BulkPreview{Error: msg}))
}

// jobStart starts the reviewed bulk action and opens its progress page.
func (h *Handler) jobStart(c echo.Context) error {
	spec, _, err := bulkSpec(c)
	if err != nil {
		return h.bulkRefused(c, err)
	}
	j, err := h.ops.StartJob(c.Request().Context(), by(c), spec)
	if err != nil {
		return h.bulkRefused(c, err)
	}
	return redirect(c, "/jobs/"+strconv.FormatInt(j.ID, 10))
}
