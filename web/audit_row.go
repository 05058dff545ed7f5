package web

import (
	"context"
	"net/url"
	"strconv"

	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
	"github.com/console-dev/console/web/auditlog"
)

// targetPages are where a target is shown, and the permission that page needs.
var targetPages = map[string]struct{ path, suffix, perm string }{
	"account": {"/users/", "/edit", "users.view"},
	"service": {"/service-accounts/", "", "apikeys.manage"},
	"group":   {"/groups/", "", "users.view"},
	"role":    {"/roles/", "/edit", "roles.manage"},
	"project": {"/projects/", "", "projects.view"},
	"module":  {"/modules/", "/edit", "roles.manage"},
}

// auditRow shows an event: a sentence saying what it did, its target by its
// current name, linked while it exists and the viewer may open it; its
// details as before/after pairs with names, not ids. The identity provider,
// acting with no account through a SCIM token, shows as "Identity provider
// (token «name»)"; rd holds the page's names and the tenant's tokens.
func auditRow(ctx context.Context, e *store.AuditEntry, rd auditlog.Reader) views.AuditRow {
	r := views.AuditRow{ID: e.ID, At: e.At, Actor: e.ActorName, ActorEmail: e.ActorEmail, ActorTenant: e.ActorTenantName, IP: e.IP,
		Action: i18n.ActionLabel(ctx, string(e.Action)), TargetType: i18n.TargetTypeLabel(ctx, e.TargetType)}
	if id, ok := e.SCIMTokenID(); ok && e.ActorID == 0 {
		r.Actor = providerLabel(ctx, id, rd.Tokens)
	}
	if e.ActorEmail != "" {
		r.ActorURL = "/audit?" + url.Values{"actor": {e.ActorEmail}}.Encode()
	}
	var live bool
	r.Target, r.TargetURL, live = auditTarget(ctx, e, rd)
	if live && e.TargetType == "account" {
		if n, _ := rd.Names.Get("account", e.TargetID); n.Kind == "service" {
			r.TargetType = i18n.T(ctx, "audit_target_service_account")
		}
	}
	if e.TargetID != 0 && e.TargetType != "" {
		r.AboutURL = "/audit?" + url.Values{"type": {e.TargetType}, "target": {strconv.FormatInt(e.TargetID, 10)}}.Encode()
	}
	r.Sentence = rd.Sentence(&e.Event, r.Target)
	changes, other := rd.Fields(&e.Event)
	for _, c := range changes {
		r.Changes = append(r.Changes, views.AuditChange{Field: c.Field, Before: c.Before, After: c.After})
	}
	for _, c := range other {
		r.Other = append(r.Other, views.AuditChange{Field: c.Field, After: c.After})
	}
	return r
}

// auditTarget names the event's target as it is called now (or was when
// deleted), and links it to its page while it exists and the viewer may
// open that page: a service account to its own page, an API key to its
// account's keys.
func auditTarget(ctx context.Context, e *store.AuditEntry, rd auditlog.Reader) (name, link string, live bool) {
	if e.TargetID == 0 {
		return "", "", false
	}
	id := strconv.FormatInt(e.TargetID, 10)
	switch e.TargetType {
	case "job":
		if views.Can(ctx, "users.view") {
			link = "/jobs/" + id
		}
		return i18n.T(ctx, "job_name", map[string]any{"ID": id}), link, true
	case "scim_token":
		if name, ok := rd.Tokens[e.TargetID]; ok {
			return name, "", true
		}
	case "account", "group", "role", "project", "module", "api_key", "tenant":
		n, ok := rd.Names.Get(e.TargetType, e.TargetID)
		name = rd.Name(e.TargetType, e.TargetID, rd.TenantID)
		if !ok || n.Deleted {
			return name, "", false
		}
		page := e.TargetType
		switch {
		case page == "account" && n.Kind == "service":
			page = "service"
		case page == "api_key":
			owner, _ := rd.Names.Get("account", n.Owner)
			page, id = "account_keys", strconv.FormatInt(n.Owner, 10)
			if owner.Kind == "service" {
				page = "service"
			}
		}
		if page == "account_keys" {
			if views.Can(ctx, "apikeys.manage") {
				link = "/accounts/" + id + "/keys"
			}
		} else if pg, ok := targetPages[page]; ok && views.Can(ctx, pg.perm) {
			link = pg.path + id + pg.suffix
		}
		return name, link, true
	}
	return i18n.TargetLabel(ctx, e.TargetID, e.TargetName, e.TargetKey), "", e.TargetName != ""
}

// providerLabel names the identity provider acting through token id.
func providerLabel(ctx context.Context, id int64, tokens map[int64]string) string {
	name, ok := tokens[id]
	if !ok {
		name = "#" + strconv.FormatInt(id, 10)
	}
	return i18n.T(ctx, "audit_actor_provider", map[string]any{"Name": name})
}
