package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

type jobJSON struct {
	ID          int64      `json:"id"`
	Action      string     `json:"action"`
	Params      any        `json:"params"`
	Status      string     `json:"status"` // queued, running, done, cancelled
	Total       int        `json:"total"`
	Done        int        `json:"done"`
	Skipped     int        `json:"skipped"`
	Failed      int        `json:"failed"`
	Left        int        `json:"left"`
	ActorID     *int64     `json:"actor_id"`
	CreatedAt   time.Time  `json:"created_at"`
	FinishedAt  *time.Time `json:"finished_at"`
	Description string     `json:"description"`
}

func toJob(j store.Job) jobJSON {
	out := jobJSON{ID: j.ID, Action: j.Action, Params: json.RawMessage(j.Params), Status: j.Status, Total: j.Total, Done: j.Done,
		Skipped: j.Skipped, Failed: j.Failed, Left: j.Left(), CreatedAt: j.CreatedAt.UTC(), Description: j.Description}
	if j.ActorID != 0 {
		out.ActorID = &j.ActorID
	}
	if !j.FinishedAt.IsZero() {
		t := j.FinishedAt.UTC()
		out.FinishedAt = &t
	}
	return out
}

type jobRequest struct {
	Action string            `json:"action"`
	Filter map[string]string `json:"filter"`
	IDs    []int64           `json:"ids"`
	Params ops.JobParams     `json:"params"`
}

// jobCreate starts a bulk action on the named accounts or on every one a
// filter (GET /users's parameters) matches now: 202 with the job, which
// runs in the background.
func (a *API) jobCreate(c echo.Context) error {
	ctx := c.Request().Context()
	var req jobRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	spec := ops.JobSpec{Action: req.Action, Params: req.Params, IDs: req.IDs, Description: "api"}
	if req.Filter != nil {
		v := url.Values{}
		for k, val := range req.Filter {
			v.Set(k, val)
		}
		f, errs := usersFilter(ctx, v)
		for k := range v {
			if !jobFilterKeys[k] {
				errs["filter."+k] = i18n.T(ctx, "api_err_unknown_field")
			}
		}
		if len(errs) > 0 {
			return invalid(errs)
		}
		spec.Filter = &f
	}
	j, err := a.ops.StartJob(ctx, principal(c), spec)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", Base+"/jobs/"+strconv.FormatInt(j.ID, 10))
	return reply(c, http.StatusAccepted, toJob(j))
}

// jobFilterKeys are the filters a job's "filter" may name: GET /users's.
var jobFilterKeys = map[string]bool{"q": true, "status": true, "kind": true, "auth": true, "group": true, "inactive": true,
	"domain": true, "created_from": true, "created_to": true}

// jobList lists the tenant's latest jobs, newest first.
func (a *API) jobList(c echo.Context) error {
	jobs, err := a.store.Jobs(c.Request().Context(), tenant(c), 50)
	if err != nil {
		return err
	}
	items := make([]jobJSON, len(jobs))
	for i, j := range jobs {
		items[i] = toJob(j)
	}
	return reply(c, http.StatusOK, newPage(items, ""))
}

// jobGet shows a job's progress; another tenant's is a 404.
func (a *API) jobGet(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	j, err := a.store.Job(c.Request().Context(), tenant(c), id)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, toJob(j))
}

type jobItemJSON struct {
	Seq       int    `json:"seq"`
	AccountID int64  `json:"account_id"`
	Login     string `json:"login"`
	Outcome   string `json:"outcome"` // "" while not run, done, skipped, failed
	Reason    string `json:"reason"`  // why, in the caller's language
	ReasonKey string `json:"reason_key"`
}

// jobItems pages a job's results in order; cursor is the last seq read.
func (a *API) jobItems(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	limit, err := queryLimit(c)
	if err != nil {
		return err
	}
	after := 0
	if v := c.QueryParam("cursor"); v != "" {
		if after, err = strconv.Atoi(v); err != nil || after < 0 {
			return fieldError("cursor", i18n.T(ctx, "api_err_cursor"))
		}
	}
	if _, err := a.store.Job(ctx, tenant(c), id); err != nil {
		return err
	}
	its, err := a.store.JobItems(ctx, id, after, limit+1)
	if err != nil {
		return err
	}
	next := ""
	if len(its) > limit {
		its = its[:limit]
		next = strconv.Itoa(its[limit-1].Seq)
	}
	items := make([]jobItemJSON, len(its))
	for i, it := range its {
		items[i] = jobItemJSON{Seq: it.Seq, AccountID: it.AccountID, Login: it.Label, Outcome: it.Outcome, ReasonKey: it.Reason}
		if it.Reason != "" {
			items[i].Reason = i18n.T(ctx, it.Reason)
		}
	}
	return reply(c, http.StatusOK, newPage(items, next))
}

// jobCancel stops a job; what is done stays done.
func (a *API) jobCancel(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	j, err := a.ops.CancelJob(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return reply(c, http.StatusOK, toJob(j))
}
