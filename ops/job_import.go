package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// ImportRows applies the rows of import jobs. ops/importer's Planner is
// one; it builds on the operations, so it is registered into them at
// construction (SetImportRows) instead of imported.
type ImportRows interface {
	// ApplyItem applies one row (an item's Payload) as p: nil when it was
	// changed (the change settled the item as done) or had nothing to
	// change; an *Error whose Key is the reason when the row is refused.
	ApplyItem(ctx context.Context, p Principal, payload string) error
}

// SetImportRows registers what applies the rows of import jobs; a worker
// without it fails their items.
func (o *Ops) SetImportRows(r ImportRows) { o.importRows = r }

// StartImport queues an import job: one item per row of the file, in the
// file's order, each with its planned values (Payload) and what it names
// (Label); AccountID is 0, a row being planned again when it is applied.
func (o *Ops) StartImport(ctx context.Context, p Principal, description string, items []store.JobItem) (store.Job, error) {
	switch {
	case len(items) == 0:
		return store.Job{}, refuse(Invalid, "job_err_nobody")
	case len(items) > store.MaxJobItems:
		return store.Job{}, &Error{Kind: Invalid, Key: "job_err_too_many", Data: map[string]any{"Max": store.MaxJobItems}}
	}
	principal, err := json.Marshal(p)
	if err != nil {
		return store.Job{}, fmt.Errorf("ops: start import: %w", err)
	}
	j, err := o.st.CreateJob(ctx, p.by(auth.UsersManage, false), store.NewJob{Principal: string(principal), Action: "import",
		Params: "{}", Description: description, Items: items})
	if errors.Is(err, store.ErrTooManyJobs) {
		return j, &Error{Kind: Conflict, Key: "job_err_too_many_open", Data: map[string]any{"Max": store.MaxOpenJobs}}
	}
	if err == nil {
		o.wakeJobs()
	}
	return j, err
}
