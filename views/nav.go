package views

import (
	"context"
	"strings"
)

// navLink is one entry of the top bar's navigation.
type navLink struct {
	Href, Label string
	Current     bool
}

// navLinks are the sections the viewer may open, in the top bar's order, the
// one shown marked current. A person who must change their password first
// gets none.
func navLinks(ctx context.Context) []navLink {
	r := Req(ctx)
	if r.PasswordForced {
		return nil
	}
	path := r.Path
	under := func(p string) bool { return strings.HasPrefix(path, p) }
	all := []struct {
		perm, href, label string
		current           bool
	}{
		{"users.view", "/users", "nav_users", under("/users") || under("/jobs")},
		{"users.view", "/groups", "nav_groups", under("/groups")},
		{"users.view", "/roles", "nav_roles", under("/roles")},
		{"users.view", "/modules", "nav_modules", under("/modules")},
		{"projects.view", "/projects", "nav_projects", under("/projects")},
		{"users.view", "/invitations", "invitations_title", under("/invitations")},
		{"tenant.settings", "/mail", "mail_title", under("/mail")},
		{"audit.view", "/audit", "nav_audit", under("/audit")},
		{"tenants.manage", "/tenants", "tenants_nav", under("/tenants")},
		{"tenant.settings", "/settings", "nav_settings", under("/settings")},
		{"apikeys.manage", "/service-accounts", "nav_service_accounts", under("/service-accounts")},
	}
	var out []navLink
	for _, l := range all {
		if Can(ctx, l.perm) {
			out = append(out, navLink{Href: l.href, Label: T(ctx, l.label), Current: l.current})
		}
	}
	return out
}

// navButtonLabel names the phone's navigation button after the section shown,
// or "Menu" on a page outside the navigation.
func navButtonLabel(ctx context.Context, links []navLink) string {
	for _, l := range links {
		if l.Current {
			return l.Label
		}
	}
	return T(ctx, "nav_menu")
}
