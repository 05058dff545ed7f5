package i18n

import "context"

// LabelOr translates key, or gives fallback when no catalog has it: for
// labels looked up by a value (an audit detail's field) that may have none.
func LabelOr(ctx context.Context, key, fallback string) string { return labelOr(ctx, key, fallback) }
