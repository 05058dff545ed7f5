// Package form holds the validation the console's forms and the REST API
// share, so a value refused in one is refused in the other with the same message.
package form

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/console-dev/console/i18n"
)

// Text validates a free-text field into errs: valid UTF-8 (raw bytes would
// be stored and reach exports as they came), required or not, at most
// max characters, and no control or invisible formatting characters (C0, C1,
// bidi overrides, zero-width spaces) that would make two names look alike or
// a list read backwards.
func Text(ctx context.Context, errs map[string]string, field, v string, required bool, max int) {
	check(ctx, errs, field, v, required, max, false)
}

// Paragraph is Text for a description: line breaks and tabs allowed.
func Paragraph(ctx context.Context, errs map[string]string, field, v string, max int) {
	check(ctx, errs, field, v, false, max, true)
}

func check(ctx context.Context, errs map[string]string, field, v string, required bool, max int, multiline bool) {
	switch n := utf8.RuneCountInString(v); {
	case !utf8.ValidString(v):
		errs[field] = i18n.T(ctx, "err_utf8")
	case n == 0 && required:
		errs[field] = i18n.T(ctx, "err_required")
	case n > max:
		errs[field] = i18n.T(ctx, "err_too_long", map[string]any{"Max": max})
	case strings.ContainsFunc(v, func(r rune) bool {
		return unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) || unicode.Is(unicode.Cf, r)
	}):
		errs[field] = i18n.T(ctx, "err_text_chars")
	}
}
