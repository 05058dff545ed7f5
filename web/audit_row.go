package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// targetPages are where a target is shown, and the permission that page needs.
var targetPages = map[string]struct{ path, suffix, perm string }{
	"account": {"/users/", "/edit", "users.view"},
	"group":   {"/groups/", "", "users.view"},
	"role":    {"/roles/", "/edit", "roles.manage"},
	"project": {"/projects/", "", "projects.view"},
	"module":  {"/modules/", "/edit", "roles.manage"},
}

// auditRow shows an event: its target by its current name, linked while it
// exists and the viewer may open it; its details as before/after pairs. The
// identity provider, acting with no account through a SCIM token, shows as
// "Identity provider (token «name»)"; tokens names the tenant's tokens.
func auditRow(ctx context.Context, e *store.AuditEntry, tokens map[int64]string) views.AuditRow {
	r := views.AuditRow{ID: e.ID, At: e.At, Actor: e.ActorName, ActorEmail: e.ActorEmail, ActorTenant: e.ActorTenantName, IP: e.IP,
		Action: i18n.ActionLabel(ctx, string(e.Action)), TargetType: i18n.TargetTypeLabel(ctx, e.TargetType),
		Target: i18n.TargetLabel(ctx, e.TargetID, e.TargetName, e.TargetKey)}
	if id, ok := e.SCIMTokenID(); ok && e.ActorID == 0 {
		r.Actor = providerLabel(ctx, id, tokens)
	}
	if e.TargetType == "scim_token" {
		if name, ok := tokens[e.TargetID]; ok {
			r.Target = name
		}
	}
	if e.ActorEmail != "" {
		r.ActorURL = "/audit?" + url.Values{"actor": {e.ActorEmail}}.Encode()
	}
	id := strconv.FormatInt(e.TargetID, 10)
	if pg, ok := targetPages[e.TargetType]; ok && e.TargetName != "" && views.Can(ctx, pg.perm) {
		r.TargetURL = pg.path + id + pg.suffix
	}
	if e.TargetID != 0 && e.TargetType != "" {
		r.AboutURL = "/audit?" + url.Values{"type": {e.TargetType}, "target": {id}}.Encode()
	}
	before, _ := e.Details["before"].(map[string]any)
	after, _ := e.Details["after"].(map[string]any)
	var fields []string
	for k := range before {
		fields = append(fields, k)
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			fields = append(fields, k)
		}
	}
	slices.Sort(fields)
	for _, k := range fields {
		r.Changes = append(r.Changes, views.AuditChange{Field: k, Before: detailValue(before[k]), After: detailValue(after[k])})
	}
	var other []string
	for k := range e.Details {
		if k != "before" && k != "after" {
			other = append(other, k)
		}
	}
	slices.Sort(other)
	for _, k := range other {
		r.Other = append(r.Other, views.AuditChange{Field: k, After: detailValue(e.Details[k])})
	}
	return r
}

// detailValue shows a detail: text as it is, a list comma-separated, the rest as JSON.
func detailValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64, bool:
		return fmt.Sprint(x)
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = detailValue(p)
		}
		return strings.Join(parts, ", ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// providerLabel names the identity provider acting through token id.
func providerLabel(ctx context.Context, id int64, tokens map[int64]string) string {
	name, ok := tokens[id]
	if !ok {
		name = "#" + strconv.FormatInt(id, 10)
	}
	return i18n.T(ctx, "audit_actor_provider", map[string]any{"Name": name})
}
