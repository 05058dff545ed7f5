package ops

import (
	"context"
	"slices"

	"github.com/console-dev/console/views"
)

// MaxIDs is the most ids one list may name: beyond it the request is refused
// before any query.
const MaxIDs = 1000

// IDs checks a list of ids for field: at most MaxIDs, each positive; it
// returns them sorted, without repeats.
func IDs(ctx context.Context, field string, ids []int64) ([]int64, error) {
	if len(ids) > MaxIDs {
		return nil, invalid(map[string]string{field: views.T(ctx, "err_too_many_ids", map[string]any{"Max": MaxIDs})})
	}
	out := slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(out) > 0 && out[0] <= 0 {
		return nil, fieldError(ctx, field, "err_unknown_id")
	}
	return out, nil
}
