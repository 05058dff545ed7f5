package web

import (
	"context"
	"net/url"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/query"
)

const auditPerPage = 50

// auditQuery is the audit log's state as it lives in the URL; the API parses
// its filters with the same code.
type auditQuery = query.Audit

func parseAuditQuery(v url.Values) auditQuery {
	q, _ := query.ParseAudit(v, false)
	return q
}

// storeFilter resolves the query in the tenant: the actor by login or email,
// the dates as whole days in the viewer's time zone.
func (h *Handler) storeFilter(ctx context.Context, tenantID int64, q auditQuery) (store.AuditFilter, error) {
	return q.Resolve(ctx, h.store, tenantID, views.Req(ctx).TZ)
}
