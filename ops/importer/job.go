package importer

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/console-dev/console/ops"
	"github.com/console-dev/console/store"
)

// Start queues the import of f read through m as a job, once the
// fingerprint confirmed with its preview names the same file and mapping
// (else import_err_changed: preview again). Each row is an item, planned
// again when the job applies it (ApplyRow): the plan confirmed is the plan
// applied, judged against the state at that moment.
func (pl *Planner) Start(ctx context.Context, p ops.Principal, f store.ImportFile, m Mapping, fingerprint string) (store.Job, error) {
	t, err := Parse(f.Name, f.Content, DefaultLimits)
	if err != nil {
		return store.Job{}, err
	}
	if err := CheckMapping(m); err != nil {
		return store.Job{}, err
	}
	if Fingerprint(f.SHA256, t.Header, m) != fingerprint {
		return store.Job{}, &FileError{Key: "import_err_changed"}
	}
	rows := Rows(t, m)
	items := make([]store.JobItem, len(rows))
	for i, r := range rows {
		payload, err := json.Marshal(r)
		if err != nil {
			return store.Job{}, fmt.Errorf("importer: start: %w", err)
		}
		items[i] = store.JobItem{Label: r.In.Login, Payload: string(payload)}
		if items[i].Label == "" {
			items[i].Label = r.In.Email
		}
	}
	return pl.ops.StartImport(ctx, p, f.Name, items)
}

// ApplyItem applies one item of an import job (ops.ImportRows): its row
// planned again and done as p; a row refused, at preview or now, is an
// *ops.Error carrying its reason.
func (pl *Planner) ApplyItem(ctx context.Context, p ops.Principal, payload string) error {
	var r Planned
	if err := json.Unmarshal([]byte(payload), &r); err != nil {
		return fmt.Errorf("importer: item: %w", err)
	}
	got, err := pl.ApplyRow(ctx, p, r)
	if err != nil {
		return err
	}
	if got.Kind == Failed {
		return &ops.Error{Kind: ops.Invalid, Key: got.Reason, Data: map[string]any{"Detail": got.Detail}}
	}
	return nil
}

// ItemRow reads an import item's payload back (the results file's line).
func ItemRow(payload string) (Planned, bool) {
	var r Planned
	return r, json.Unmarshal([]byte(payload), &r) == nil && payload != ""
}
