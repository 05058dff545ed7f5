package web

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

const auditPerPage = 50

// auditQuery is the audit log's state as it lives in the URL.
type auditQuery struct {
	views.AuditFilter
	Before, After int64
}

var actionPattern = regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)*$`)

func parseAuditQuery(v url.Values) auditQuery {
	var q auditQuery
	q.Actor = clipRunes(strings.TrimSpace(v.Get("actor")), 254)
	if a := v.Get("action"); len(a) <= 64 && actionPattern.MatchString(a) {
		q.Action = a
	}
	if t := v.Get("type"); slices.Contains(views.AuditTargetTypes, t) {
		q.TargetType = t
		if id, err := strconv.ParseInt(v.Get("target"), 10, 64); err == nil && id > 0 {
			q.Target = strconv.FormatInt(id, 10)
		}
	}
	for _, d := range []struct {
		dst *string
		key string
	}{{&q.From, "from"}, {&q.To, "to"}} {
		if _, err := time.Parse(time.DateOnly, v.Get(d.key)); err == nil {
			*d.dst = v.Get(d.key)
		}
	}
	q.Before, _ = strconv.ParseInt(v.Get("before"), 10, 64)
	q.After, _ = strconv.ParseInt(v.Get("after"), 10, 64)
	return q
}

// values encodes the filters (and the cursor, if any) back into a URL.
func (q auditQuery) values() url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"actor": q.Actor, "action": q.Action, "type": q.TargetType, "target": q.Target,
		"from": q.From, "to": q.To} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if q.Before > 0 {
		v.Set("before", strconv.FormatInt(q.Before, 10))
	} else if q.After > 0 {
		v.Set("after", strconv.FormatInt(q.After, 10))
	}
	return v
}

func (q auditQuery) url(path string) string {
	if enc := q.values().Encode(); enc != "" {
		return path + "?" + enc
	}
	return path
}

// filters is the query without its cursor, as an export's audit event records it.
func (q auditQuery) filters() map[string]any {
	q.Before, q.After = 0, 0
	out := map[string]any{}
	for k := range q.values() {
		out[k] = q.values().Get(k)
	}
	return out
}

// errUnknownActor means the actor filter names nobody in the tenant.
var errUnknownActor = errors.New("web: unknown actor")

// errBadDates means a date range that ends before it starts.
var errBadDates = errors.New("web: date range ends before it starts")

// storeFilter resolves the query in the tenant: the actor by login or email,
// the dates as whole days in the viewer's time zone.
func (h *Handler) storeFilter(ctx context.Context, tenantID int64, q auditQuery) (store.AuditFilter, error) {
	f := store.AuditFilter{Action: q.Action, TargetType: q.TargetType, BeforeID: q.Before, AfterID: q.After}
	f.TargetID, _ = strconv.ParseInt(q.Target, 10, 64)
	tz := views.Req(ctx).TZ
	if d, err := time.ParseInLocation(time.DateOnly, q.From, tz); err == nil {
		f.From = d
	}
	if d, err := time.ParseInLocation(time.DateOnly, q.To, tz); err == nil {
		f.To = d.AddDate(0, 0, 1)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, errBadDates
	}
	if q.Actor != "" {
		a, err := h.store.AccountByLoginOrEmail(ctx, tenantID, q.Actor)
		if errors.Is(err, store.ErrNotFound) {
			return f, errUnknownActor
		} else if err != nil {
			return f, err
		}
		f.ActorID = a.ID
	}
	return f, nil
}
