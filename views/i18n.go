package views

import (
	"context"

	"github.com/console-dev/console/i18n"
)

// T translates id in the request's language (see i18n.T); templates call it.
func T(ctx context.Context, id string, data ...map[string]any) string {
	return i18n.T(ctx, id, data...)
}
