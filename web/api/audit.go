package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/query"
	"github.com/console-dev/console/web/report"
)

type auditActor struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

type auditTarget struct {
	Type string  `json:"type"`
	ID   int64   `json:"id"`
	Name *string `json:"name"` // its current name; null once deleted
}

type auditItem struct {
	ID      int64          `json:"id"`
	At      string         `json:"at"`
	Actor   *auditActor    `json:"actor"`  // null for the system's own events
	Action  string         `json:"action"` // as stored: user.update
	Target  *auditTarget   `json:"target"` // null for an event about no object
	IP      string         `json:"ip"`
	Details map[string]any `json:"details"`
}

func toAuditItem(e *store.AuditEntry) auditItem {
	it := auditItem{ID: e.ID, At: e.At.UTC().Format(time.RFC3339), Action: string(e.Action), IP: e.IP, Details: e.Details}
	if e.ActorID != 0 {
		it.Actor = &auditActor{ID: e.ActorID, Name: e.ActorName, Email: e.ActorEmail}
	}
	if e.TargetType != "" {
		it.Target = &auditTarget{Type: e.TargetType, ID: e.TargetID}
		if e.TargetName != "" {
			name := e.TargetName
			it.Target.Name = &name
		}
	}
	if it.Details == nil {
		it.Details = map[string]any{}
	}
	return it
}

// auditList pages the tenant's audit log, newest first, with the console's
// filters (parsed by the same code), one query per page; with format=csv or
// xlsx it streams the export of every matching event instead.
func (a *API) auditList(c echo.Context) error {
	ctx := c.Request().Context()
	q, f, err := a.auditFilter(ctx, c.QueryParams(), tenant(c))
	if err != nil {
		return err
	}
	if c.QueryParam("format") != "" {
		format, err := fileFormat(c)
		if err != nil {
			return err
		}
		return a.download(c, store.ActionAuditExport, "audit-log", format, q.Filters(), func(w io.Writer) error {
			return report.Audit(ctx, a.store, w, format, tenant(c), f, report.Options{})
		})
	}
	limit, err := queryLimit(c)
	if err != nil {
		return err
	}
	if cur := c.QueryParam("cursor"); cur != "" {
		if f.BeforeID, err = strconv.ParseInt(cur, 10, 64); err != nil || f.BeforeID <= 0 {
			return store.ErrBadCursor
		}
	}
	f.Limit = limit + 1 // one more than shown tells whether a page follows, so nothing is counted
	entries, err := a.store.AuditEntries(ctx, tenant(c), f)
	if err != nil {
		return err
	}
	var next string
	if len(entries) > limit {
		entries = entries[:limit]
		next = strconv.FormatInt(entries[limit-1].ID, 10)
	}
	items := make([]auditItem, len(entries))
	for i := range entries {
		items[i] = toAuditItem(&entries[i])
	}
	return reply(c, http.StatusOK, newPage(items, next))
}

// auditParams are the API's names of the log's filters and the console's.
var auditParams = map[string]string{"actor": "actor", "action": "action", "target_type": "type",
	"target_id": "target", "from": "from", "to": "to"}

// auditFilter reads the filters as the console does, but refuses what the
// console would drop: 422 for a malformed value, an unknown actor or a range
// that ends before it starts; 404 for a target that is not the tenant's.
func (a *API) auditFilter(ctx context.Context, v url.Values, tenantID int64) (query.Audit, store.AuditFilter, error) {
	in, apiName := url.Values{}, map[string]string{}
	for name, console := range auditParams {
		apiName[console] = name
		if val := v.Get(name); val != "" {
			in.Set(console, val)
		}
	}
	q, bad := query.ParseAudit(in, true)
	if v.Get("target_id") != "" && v.Get("target_type") == "" {
		bad = append(bad, "target")
	}
	if len(bad) > 0 {
		errs := map[string]string{}
		for _, name := range bad {
			errs[apiName[name]] = auditFilterError(ctx, name)
		}
		return q, store.AuditFilter{}, invalid(errs)
	}
	f, err := q.Resolve(ctx, a.store, tenantID, time.UTC)
	switch {
	case errors.Is(err, query.ErrUnknownActor):
		return q, f, fieldError("actor", i18n.T(ctx, "audit_err_actor"))
	case errors.Is(err, query.ErrBadDates):
		return q, f, fieldError("to", i18n.T(ctx, "audit_err_dates"))
	case err != nil:
		return q, f, err
	}
	if f.TargetID != 0 {
		known, err := a.store.AuditTargetKnown(ctx, tenantID, f.TargetType, f.TargetID)
		if err != nil {
			return q, f, err
		}
		if !known {
			return q, f, problem(http.StatusNotFound, "api_err_not_found")
		}
	}
	return q, f, nil
}

func auditFilterError(ctx context.Context, name string) string {
	switch name {
	case "actor":
		return i18n.T(ctx, "err_too_long", map[string]any{"Max": 254})
	case "action":
		return i18n.T(ctx, "apireports_err_action")
	case "type":
		return i18n.T(ctx, "err_choice")
	case "target":
		return i18n.T(ctx, "apireports_err_target")
	}
	return i18n.T(ctx, "apireports_err_date")
}
