package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/auditlog"
	"github.com/console-dev/console/web/query"
)

// auditList serves /audit: events newest first with their filters, one page
// (one query) at a time; the table alone when htmx asks for it.
func (h *Handler) auditList(c echo.Context) error {
	p, ctx := who(c), c.Request().Context()
	q := parseAuditQuery(c.QueryParams())
	vm := views.Audit{Filter: q.Audit, ShowSettings: p.Perms.Has("tenant.settings")}
	for _, a := range views.AuditActions {
		vm.Actions = append(vm.Actions, views.Option{Value: a, Label: i18n.ActionLabel(ctx, a), Checked: a == q.Action})
	}
	if q.Action != "" && !slices.Contains(views.AuditActions, q.Action) {
		vm.Actions = append(vm.Actions, views.Option{Value: q.Action, Label: q.Action, Checked: true})
	}
	for _, t := range views.AuditTargetTypes {
		vm.TargetTypes = append(vm.TargetTypes, views.Option{Value: t, Label: i18n.TargetTypeLabel(ctx, t), Checked: t == q.TargetType})
	}
	export := q
	export.Before, export.After = 0, 0
	ev := export.Values()
	ev.Set("format", "csv")
	vm.ExportCSV = "/audit/export?" + ev.Encode()
	ev.Set("format", "xlsx")
	vm.ExportXLSX = "/audit/export?" + ev.Encode()
	f, err := h.storeFilter(ctx, p.Tenant.ID, q)
	switch {
	case errors.Is(err, query.ErrUnknownActor):
		vm.ActorError = i18n.T(ctx, "audit_err_actor")
	case errors.Is(err, query.ErrBadDates):
		vm.DateError = i18n.T(ctx, "audit_err_dates")
	case err != nil:
		return err
	default:
		if err := h.auditPage(ctx, p.Tenant.ID, &vm, q, f); err != nil {
			return err
		}
	}
	if vm.ShowSettings {
		days, err := h.store.AuditRetention(ctx, p.Tenant.ID)
		if err != nil {
			return err
		}
		vm.Retention.Days = strconv.Itoa(days)
	}
	if isHTMX(c) && hxTarget(c) == "audit-table" {
		c.Response().Header().Set("HX-Push-Url", q.URL("/audit"))
		return render(c, http.StatusOK, views.AuditTable(vm))
	}
	return page(c, http.StatusOK, views.AuditPage(vm), views.AuditBlock(vm))
}

// auditPage fills the rows and the pager: one more row than shown tells
// whether there is a page beyond, so nothing is counted.
func (h *Handler) auditPage(ctx context.Context, tenantID int64, vm *views.Audit, q auditQuery, f store.AuditFilter) error {
	f.Limit = auditPerPage + 1
	entries, err := h.store.AuditEntries(ctx, tenantID, f)
	if err != nil {
		return err
	}
	backward := f.AfterID > 0 && f.BeforeID == 0
	more := len(entries) > auditPerPage
	if more && backward {
		entries = entries[1:] // newest first: the extra row is the newest
	} else if more {
		entries = entries[:auditPerPage]
	}
	tokens, err := h.tokenNames(ctx, tenantID, entries)
	if err != nil {
		return err
	}
	names, err := auditlog.Names(ctx, h.store, tenantID, entries)
	if err != nil {
		return err
	}
	rd := auditlog.Reader{Ctx: ctx, TenantID: tenantID, Names: names, Tokens: tokens}
	for i := range entries {
		vm.Rows = append(vm.Rows, auditRow(ctx, &entries[i], rd))
	}
	if len(entries) == 0 {
		return nil
	}
	if more || backward {
		n := q
		n.Before, n.After = entries[len(entries)-1].ID, 0
		vm.NextURL = n.URL("/audit")
	}
	if (backward && more) || (!backward && f.BeforeID > 0) {
		n := q
		n.Before, n.After = 0, entries[0].ID
		vm.PrevURL = n.URL("/audit")
	}
	return nil
}

// tokenNames names the tenant's SCIM tokens when the page shows one (as
// the actor or the target): one query, and none on most pages.
func (h *Handler) tokenNames(ctx context.Context, tenantID int64, entries []store.AuditEntry) (map[int64]string, error) {
	need := false
	for i := range entries {
		_, through := entries[i].SCIMTokenID()
		need = need || through || entries[i].TargetType == "scim_token"
	}
	if !need {
		return nil, nil
	}
	tokens, err := h.store.SCIMTokens(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(tokens))
	for _, t := range tokens {
		names[t.ID] = t.Name
	}
	return names, nil
}
