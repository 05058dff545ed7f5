package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// MaxJobIDs is the most accounts a job may name one by one; more are chosen
// by a filter (up to store.MaxJobItems).
const MaxJobIDs = 10_000

// JobSpec is a bulk action asked for: an action, its parameters, and the
// accounts, either named (IDs) or all those a filter matches now.
type JobSpec struct {
	Action string
	Params JobParams
	IDs    []int64
	Filter *store.UserFilter
	// Description says how the accounts were chosen, for the jobs list.
	Description string
}

// JobParams are an action's parameters.
type JobParams struct {
	RoleID   int64  `json:"role_id,omitempty"`
	GroupID  int64  `json:"group_id,omitempty"`
	UserType string `json:"user_type,omitempty"`
	// ExpiresAt, for add_role and add_to_group, is when the grant ends
	// ("YYYY-MM-DD" or RFC 3339; kept as RFC 3339 UTC): a new grant ends
	// then, one ending sooner is extended to it, one held longer or for
	// good is left (adding never takes access away).
	ExpiresAt string `json:"expires_at,omitempty"`
}

// until is when the grant of a job's item ends (zero: never); a time the
// job reached too late is refused like one given in the past.
func (params JobParams) until(ctx context.Context, o *Ops) (time.Time, error) {
	if params.ExpiresAt == "" {
		return time.Time{}, nil
	}
	return o.Expiry(ctx, "expires_at", params.ExpiresAt)
}

// jobAction is what one action does to one account, as the principal,
// through the operation that does it alone.
type jobAction struct {
	need  auth.Permission
	rows  bool // an import: each item is a row of the file (its Payload), applied by importRows
	until bool // takes an expiry (JobParams.ExpiresAt)
	check func(ctx context.Context, o *Ops, p Principal, params JobParams) error
	run   func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error
}

// JobActions are the bulk actions, by name.
var jobActions = map[string]jobAction{
	"activate":          {need: auth.UsersManage, run: status("active")},
	"deactivate":        {need: auth.UsersManage, run: status("deactivated")},
	"add_role":          {need: auth.UsersManage, until: true, check: needRole, run: role(true)},
	"remove_role":       {need: auth.UsersManage, check: needRole, run: role(false)},
	"add_to_group":      {need: auth.GroupsManage, until: true, check: needGroup, run: group(true)},
	"remove_from_group": {need: auth.GroupsManage, check: needGroup, run: group(false)},
	"resend_invitation": {need: auth.UsersManage, run: func(ctx context.Context, o *Ops, p Principal, id int64, _ JobParams) error {
		return o.ResendLink(ctx, p, id)
	}},
	"delete_pending": {need: auth.UsersManage, run: func(ctx context.Context, o *Ops, p Principal, id int64, _ JobParams) error {
		_, err := o.DeletePending(ctx, p, id)
		return err
	}},
	"import": {need: auth.UsersManage, rows: true},
	"set_user_type": {need: auth.UsersManage, check: needType, run: func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
		_, err := o.SetUserType(ctx, p, id, params.UserType)
		return err
	}},
}

// JobActionNames are the actions in the order a menu offers them.
var JobActionNames = []string{"activate", "deactivate", "add_role", "remove_role", "add_to_group", "remove_from_group",
	"set_user_type", "resend_invitation", "delete_pending"}

func status(s string) func(ctx context.Context, o *Ops, p Principal, id int64, _ JobParams) error {
	return func(ctx context.Context, o *Ops, p Principal, id int64, _ JobParams) error {
		_, err := o.SetStatus(ctx, p, id, s)
		return err
	}
}

func role(add bool) func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
	return func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
		a, err := o.st.Account(ctx, p.TenantID, id)
		if err != nil {
			return err
		}
		until, err := params.until(ctx, o)
		if err != nil {
			return err // the end has passed since the job started: nothing is given
		}
		if add && !until.IsZero() {
			return o.st.AddRoleUntil(ctx, p.by(manage(a), true), id, params.RoleID, until)
		}
		return o.st.ChangeRole(ctx, p.by(manage(a), true), id, params.RoleID, add)
	}
}

func group(add bool) func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
	return func(ctx context.Context, o *Ops, p Principal, id int64, params JobParams) error {
		until, err := params.until(ctx, o)
		if err != nil {
			return err // the end has passed since the job started: nothing is given
		}
		if add && !until.IsZero() {
			return lockRefused(o.st.AddMemberUntil(ctx, p.by(auth.GroupsManage, true), params.GroupID, id, until))
		}
		change := o.RemoveMembers
		if add {
			change = o.AddMembers
		}
		_, err = change(ctx, p, params.GroupID, []int64{id})
		return err
	}
}

func needRole(ctx context.Context, o *Ops, p Principal, params JobParams) error {
	if _, err := o.st.Role(ctx, p.TenantID, params.RoleID); err != nil {
		return fieldError(ctx, "role_id", "err_unknown_id")
	}
	return nil
}

func needGroup(ctx context.Context, o *Ops, p Principal, params JobParams) error {
	if _, err := o.st.Group(ctx, p.TenantID, params.GroupID); err != nil {
		return fieldError(ctx, "group_id", "err_unknown_id")
	}
	return nil
}

func needType(ctx context.Context, _ *Ops, _ Principal, params JobParams) error {
	switch params.UserType {
	case "admin", "standard", "read_only":
		return nil
	}
	return fieldError(ctx, "user_type", "err_choice")
}

// SetUserType changes an account's user type alone, as UpdateUser would.
func (o *Ops) SetUserType(ctx context.Context, p Principal, id int64, userType string) (store.Account, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	if err != nil {
		return a, err
	}
	if err := needType(ctx, o, p, JobParams{UserType: userType}); err != nil {
		return a, err
	}
	if a.Kind == "service" {
		return a, fieldError(ctx, "user_type", "api_err_service_type")
	}
	if a.UserType == userType {
		return a, nil
	}
	updated, err := o.st.UpdateProfile(ctx, p.by(auth.UsersManage, true), id, store.Profile{FirstName: a.FirstName, LastName: a.LastName,
		Email: a.Email, Language: a.Language, TimeZone: a.TimeZone, Currency: a.Currency, UserType: userType})
	if errors.Is(err, errAdminOnly) {
		return updated, typeRefused(ctx)
	}
	return updated, lockRefused(err)
}

// validJob checks an action, its parameters and that p may start it.
func (o *Ops) validJob(ctx context.Context, p Principal, spec *JobSpec) (jobAction, error) {
	act, ok := jobActions[spec.Action]
	if !ok || act.rows { // an import starts from its file (StartImport)
		return act, fieldError(ctx, "action", "err_choice")
	}
	if strings.TrimSpace(spec.Params.ExpiresAt) != "" {
		if !act.until {
			return act, fieldError(ctx, "expires_at", "job_err_no_expiry")
		}
		at, err := o.Expiry(ctx, "expires_at", spec.Params.ExpiresAt)
		if err != nil {
			return act, err
		}
		spec.Params.ExpiresAt = at.Format(time.RFC3339)
	} else {
		spec.Params.ExpiresAt = ""
	}
	if act.check != nil {
		if err := act.check(ctx, o, p, spec.Params); err != nil {
			return act, err
		}
	}
	switch {
	case spec.Filter == nil && len(spec.IDs) == 0:
		return act, fieldError(ctx, "ids", "job_err_nobody")
	case spec.Filter != nil && len(spec.IDs) > 0:
		return act, fieldError(ctx, "ids", "job_err_ids_or_filter")
	case len(spec.IDs) > MaxJobIDs:
		return act, invalid(map[string]string{"ids": i18n.T(ctx, "err_too_many_ids", map[string]any{"Field": "ids", "Max": i18n.Num(ctx, MaxJobIDs)})})
	}
	return act, nil
}

// freeze lists the accounts a job acts on, in order: the named ones, each
// of the tenant (else the whole request is refused), or every one the
// filter matches now, in the filter's order.
func (o *Ops) freeze(ctx context.Context, p Principal, spec JobSpec) ([]store.JobItem, error) {
	if spec.Filter == nil {
		items, err := o.st.JobItemsOf(ctx, p.TenantID, spec.IDs)
		if errors.Is(err, store.ErrUnknownAccount) {
			return nil, fieldError(ctx, "ids", "job_err_unknown_ids")
		}
		return items, err
	}
	items, err := o.st.MatchingItems(ctx, p.TenantID, *spec.Filter, store.MaxJobItems+1)
	if err != nil {
		return nil, err
	}
	switch {
	case len(items) == 0:
		return nil, fieldError(ctx, "filter", "job_err_nobody")
	case len(items) > store.MaxJobItems:
		return nil, &Error{Kind: Invalid, Key: "job_err_too_many", Data: map[string]any{"Max": i18n.Num(ctx, store.MaxJobItems)},
			Fields: map[string]string{"filter": i18n.T(ctx, "job_err_too_many", map[string]any{"Max": i18n.Num(ctx, store.MaxJobItems)})}}
	}
	return items, nil
}

// StartJob freezes the accounts of spec and queues the job; a worker runs
// it in the background (RunJobs). Each item is done later as p, by the
// operation that does it alone, its rules judged again for that account.
func (o *Ops) StartJob(ctx context.Context, p Principal, spec JobSpec) (store.Job, error) {
	act, err := o.validJob(ctx, p, &spec)
	if err != nil {
		return store.Job{}, err
	}
	items, err := o.freeze(ctx, p, spec)
	if err != nil {
		return store.Job{}, err
	}
	principal, err := json.Marshal(p)
	if err != nil {
		return store.Job{}, fmt.Errorf("ops: start job: %w", err)
	}
	params, err := json.Marshal(spec.Params)
	if err != nil {
		return store.Job{}, fmt.Errorf("ops: start job: %w", err)
	}
	j, err := o.st.CreateJob(ctx, p.by(act.need, false), store.NewJob{Principal: string(principal), Action: spec.Action,
		Params: string(params), Description: spec.Description, Items: items})
	if errors.Is(err, store.ErrTooManyJobs) {
		return j, &Error{Kind: Conflict, Key: "job_err_too_many_open", Data: map[string]any{"Max": store.MaxOpenJobs}}
	}
	if err == nil {
		o.wakeJobs()
	}
	return j, err
}

// CancelJob stops a job of p's tenant; what is done stays done.
func (o *Ops) CancelJob(ctx context.Context, p Principal, id int64) (store.Job, error) {
	j, err := o.st.Job(ctx, p.TenantID, id)
	if err != nil {
		return j, err
	}
	need := auth.UsersManage
	if act, ok := jobActions[j.Action]; ok {
		need = act.need
	}
	return o.st.CancelJob(ctx, p.by(need, false), id)
}
