package form

import (
	"context"
	"slices"

	"github.com/console-dev/console/i18n"
)

// MaxIDs is the most ids one list may carry in one request, in a form or an
// API body: enough for any page of the console, and a bound on the SQL a
// list becomes (one variable per id) and on the checks made per id.
const MaxIDs = 1000

// IDs checks a list of ids as a request names them, before anything looks
// them up: past MaxIDs it is refused with a message naming field; otherwise
// it comes back sorted, each id once (nil stays nil, empty stays empty).
func IDs(ctx context.Context, field string, ids []int64) ([]int64, string) {
	if len(ids) > MaxIDs {
		return nil, TooManyIDs(ctx, field)
	}
	if len(ids) == 0 {
		return ids, ""
	}
	return slices.Compact(slices.Sorted(slices.Values(ids))), ""
}

// TooManyIDs is the refusal of a list named field longer than MaxIDs.
func TooManyIDs(ctx context.Context, field string) string {
	return i18n.T(ctx, "err_too_many_ids", map[string]any{"Field": field, "Max": i18n.Num(ctx, MaxIDs)})
}
