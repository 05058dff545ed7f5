package web

import (
	"context"
	"net/url"
	"strconv"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/auditlog"
	"github.com/console-dev/console/web/query"
	"github.com/console-dev/console/web/query/filter"
)

const userHistoryPerPage = 25

// userPageHistory is the person's audit events, as the actor and as the
// target, newest first, rendered as the audit log renders them; keyset-paged
// (?before=, ?after=) in one query a page, nothing counted.
func (h *Handler) userPageHistory(ctx context.Context, p *principal, a store.Account, vm *views.UserPage, q url.Values) error {
	f := store.AuditFilter{Person: a.ID, Limit: userHistoryPerPage + 1}
	f.BeforeID, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if f.BeforeID <= 0 {
		f.BeforeID = 0
		f.AfterID, _ = strconv.ParseInt(q.Get("after"), 10, 64)
		f.AfterID = max(f.AfterID, 0)
	}
	vm.AuditByURL = query.Audit{Audit: filter.Audit{Actor: a.Login}}.URL("/audit")
	vm.AuditOfURL = query.Audit{Audit: filter.Audit{TargetType: "account", Target: strconv.FormatInt(a.ID, 10)}}.URL("/audit")
	entries, err := h.store.AuditEntries(ctx, p.Tenant.ID, f)
	if err != nil {
		return err
	}
	backward := f.AfterID > 0
	more := len(entries) > userHistoryPerPage
	if more && backward {
		entries = entries[1:]
	} else if more {
		entries = entries[:userHistoryPerPage]
	}
	tokens, err := h.tokenNames(ctx, p.Tenant.ID, entries)
	if err != nil {
		return err
	}
	names, err := auditlog.Names(ctx, h.store, p.Tenant.ID, entries)
	if err != nil {
		return err
	}
	rd := auditlog.Reader{Ctx: ctx, TenantID: p.Tenant.ID, Names: names, Tokens: tokens}
	for i := range entries {
		vm.History = append(vm.History, auditRow(ctx, &entries[i], rd))
	}
	if len(entries) == 0 {
		return nil
	}
	page := func(k string, id int64) string {
		return views.UserPageURL(a.ID, "history", url.Values{k: {strconv.FormatInt(id, 10)}})
	}
	if more || backward {
		vm.OlderURL = page("before", entries[len(entries)-1].ID)
	}
	if (backward && more) || (!backward && f.BeforeID > 0) {
		vm.NewerURL = page("after", entries[0].ID)
	}
	return nil
}
