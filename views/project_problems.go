package views

import "context"

// causesCount says how many causes the misconfigurations have.
func causesCount(ctx context.Context, n int) string {
	if n == 1 {
		return T(ctx, "i16p_causes_one")
	}
	return T(ctx, "i16p_causes_many", map[string]any{"Count": Num(ctx, n)})
}

// fixSuffix tells apart the Remove buttons of one cause.
func fixSuffix(id int64) string {
	if id == 0 {
		return ""
	}
	return "-" + idStr(id)
}
