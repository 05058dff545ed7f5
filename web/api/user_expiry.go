package api

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/console-dev/console/i18n"
)

// expiryText is a JSON expiry as ops reads it: a string, or "" for null.
func expiryText(ctx context.Context, raw json.RawMessage) (string, error) {
	if string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil || s == "" {
		return "", fieldError("expires_at", i18n.T(ctx, "expiry_bad_format"))
	}
	return s, nil
}

// roleEnds checks a roles body's expires_at (role id → RFC 3339 or null)
// before anything is written: each key a role of roleIDs, each value a
// time ops accepts.
func (a *API) roleEnds(ctx context.Context, roleIDs []int64, in map[string]json.RawMessage) (map[int64]string, error) {
	out := make(map[int64]string, len(in))
	for k, raw := range in {
		id, err := strconv.ParseInt(k, 10, 64)
		known := false
		for _, r := range roleIDs {
			known = known || r == id
		}
		if err != nil || !known {
			return nil, fieldError("expires_at", i18n.T(ctx, "err_unknown_role"))
		}
		s, err := expiryText(ctx, raw)
		if err != nil {
			return nil, err
		}
		if s != "" {
			if _, err := a.ops.Expiry(ctx, "expires_at", s); err != nil {
				return nil, err
			}
		}
		out[id] = s
	}
	return out, nil
}
