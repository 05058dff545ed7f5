package query

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
	"github.com/console-dev/console/web/query/filter"
)

// Audit is the audit log's state as it lives in the URL.
type Audit struct {
	filter.Audit
	Before, After int64
}

var actionPattern = regexp.MustCompile(`^[a-z_]+(\.[a-z_]+)*$`)

// ParseAudit reads the log's query; a filter value it cannot use is dropped
// and named in bad. From and to are days (YYYY-MM-DD); with instants they may
// also be RFC 3339 times, as the API takes them.
func ParseAudit(v url.Values, instants bool) (q Audit, bad []string) {
	actor := strings.TrimSpace(v.Get("actor"))
	q.Actor = Clip(actor, 254)
	if q.Actor != actor {
		bad = append(bad, "actor")
	}
	if a := v.Get("action"); len(a) <= 64 && actionPattern.MatchString(a) {
		q.Action = a
	} else if a != "" {
		bad = append(bad, "action")
	}
	if t := v.Get("type"); slices.Contains(filter.AuditTargetTypes, t) {
		q.TargetType = t
		if id, err := strconv.ParseInt(v.Get("target"), 10, 64); err == nil && id > 0 {
			q.Target = strconv.FormatInt(id, 10)
		}
	} else if t != "" {
		bad = append(bad, "type")
	}
	if q.Target == "" && v.Get("target") != "" {
		bad = append(bad, "target")
	}
	for _, d := range []struct {
		dst *string
		key string
	}{{&q.From, "from"}, {&q.To, "to"}} {
		s := v.Get(d.key)
		if _, err := time.Parse(time.DateOnly, s); err == nil {
			*d.dst = s
		} else if _, err := time.Parse(time.RFC3339, s); err == nil && instants {
			*d.dst = s
		} else if s != "" {
			bad = append(bad, d.key)
		}
	}
	q.Before, _ = strconv.ParseInt(v.Get("before"), 10, 64)
	q.After, _ = strconv.ParseInt(v.Get("after"), 10, 64)
	return q, bad
}

// Values encodes the filters (and the cursor, if any) back into a URL.
func (q Audit) Values() url.Values {
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

// URL is path with the query.
func (q Audit) URL(path string) string {
	if enc := q.Values().Encode(); enc != "" {
		return path + "?" + enc
	}
	return path
}

// Filters is the query without its cursor, as an export's audit event records it.
func (q Audit) Filters() map[string]any {
	q.Before, q.After = 0, 0
	out := map[string]any{}
	for k := range q.Values() {
		out[k] = q.Values().Get(k)
	}
	return out
}

// ErrUnknownActor means the actor filter names nobody in the tenant.
var ErrUnknownActor = errors.New("query: unknown actor")

// ErrBadDates means a date range that ends before it starts.
var ErrBadDates = errors.New("query: date range ends before it starts")

// Resolve makes the store's filter in the tenant: the actor by login or email;
// a day as a whole day in tz (to includes its day), an instant as it is (to
// includes its second).
func (q Audit) Resolve(ctx context.Context, st *store.Store, tenantID int64, tz *time.Location) (store.AuditFilter, error) {
	f := store.AuditFilter{Action: q.Action, TargetType: q.TargetType, BeforeID: q.Before, AfterID: q.After}
	f.TargetID, _ = strconv.ParseInt(q.Target, 10, 64)
	if d, err := time.ParseInLocation(time.DateOnly, q.From, tz); err == nil {
		f.From = d
	} else if t, err := time.Parse(time.RFC3339, q.From); err == nil {
		f.From = t
	}
	if d, err := time.ParseInLocation(time.DateOnly, q.To, tz); err == nil {
		f.To = d.AddDate(0, 0, 1)
	} else if t, err := time.Parse(time.RFC3339, q.To); err == nil {
		f.To = t.Truncate(time.Second).Add(time.Second)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, ErrBadDates
	}
	if q.Actor != "" {
		a, err := st.AccountByLoginOrEmail(ctx, tenantID, q.Actor)
		if errors.Is(err, store.ErrNotFound) {
			return f, ErrUnknownActor
		} else if err != nil {
			return f, err
		}
		f.ActorID = a.ID
	}
	return f, nil
}
