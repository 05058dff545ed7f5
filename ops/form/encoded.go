package form

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/console-dev/console/i18n"
)

// Encoded checks a query string or an urlencoded form body before any
// handler reads it: every name and value is valid UTF-8, and no name comes
// more than MaxIDs times (a list of ids, or of anything, past the limit).
// It reads the raw text itself, without net/url's cap of 10,000 fields (past
// which Go drops the whole form, so a handler could not say which field is
// wrong), within the body limit. It returns the first offending field and
// its message, or "", "".
func Encoded(ctx context.Context, raw string) (field, msg string) {
	counts := map[string]int{}
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			continue // net/url skips it too: no handler will see it
		}
		if !utf8.ValidString(key) {
			return strings.ToValidUTF8(key, "\uFFFD"), NotUTF8(ctx, strings.ToValidUTF8(key, "\uFFFD"))
		}
		if !IsText(val) {
			return key, NotUTF8(ctx, key)
		}
		if counts[key]++; counts[key] > MaxIDs {
			return key, TooManyIDs(ctx, key)
		}
	}
	return "", ""
}

// Values is Encoded for values already parsed (a multipart form's fields).
func Values(ctx context.Context, v map[string][]string) (field, msg string) {
	for key, vals := range v {
		if !utf8.ValidString(key) {
			return strings.ToValidUTF8(key, "\uFFFD"), NotUTF8(ctx, strings.ToValidUTF8(key, "\uFFFD"))
		}
		if len(vals) > MaxIDs {
			return key, TooManyIDs(ctx, key)
		}
		for _, s := range vals {
			if !IsText(s) {
				return key, NotUTF8(ctx, key)
			}
		}
	}
	return "", ""
}

// IsText reports whether s is text a database keeps as it is: UTF-8 without
// a NUL character (which PostgreSQL refuses in text, and SQLite would keep).
func IsText(s string) bool { return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 }

// IsJSONText reports whether a JSON body is UTF-8 and its strings hold no
// NUL character (JSON writes one \u0000).
func IsJSONText(body []byte) bool {
	return utf8.Valid(body) && !bytes.Contains(bytes.ToLower(body), []byte(`\u0000`))
}

// NotUTF8 is the refusal of a field whose bytes are not UTF-8 text, or hold a NUL.
func NotUTF8(ctx context.Context, field string) string {
	return i18n.T(ctx, "err_field_utf8", map[string]any{"Field": field})
}
