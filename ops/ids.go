package ops

import (
	"context"

	"github.com/console-dev/console/ops/form"
)

// MaxIDs is the most ids one list may name: beyond it the request is refused
// before any query.
const MaxIDs = form.MaxIDs

// IDs checks a list of ids for field: at most MaxIDs, each positive; it
// returns them sorted, without repeats. The front doors' binders check the
// same first; this holds for every door, SCIM's too.
func IDs(ctx context.Context, field string, ids []int64) ([]int64, error) {
	out, msg := form.IDs(ctx, field, ids)
	if msg != "" {
		return nil, invalid(map[string]string{field: msg})
	}
	if len(out) > 0 && out[0] <= 0 {
		return nil, fieldError(ctx, field, "err_unknown_id")
	}
	return out, nil
}
