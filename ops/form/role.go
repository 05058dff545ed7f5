package form

import (
	"context"
	"slices"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
)

// Role is a custom role as posted: catalog permissions and module keys arrive
// apart, as the form shows them apart.
type Role struct {
	Name        string
	Description string
	Perms       []string // "users.view"...
	Modules     []string // module keys, granted as module:<key>
}

// Validate fills per-field messages. A permission outside the catalog or a
// module the tenant does not have is refused, never silently dropped.
func (f *Role) Validate(ctx context.Context, modules []store.Module) map[string]string {
	errs := NameDescription(ctx, f.Name, f.Description)
	for _, p := range f.Perms {
		if !auth.Known(auth.Permission(p)) {
			errs["permissions"] = i18n.T(ctx, "err_unknown_permission")
		}
	}
	for _, k := range f.Modules {
		if !slices.ContainsFunc(modules, func(m store.Module) bool { return m.Key == k }) {
			errs["modules"] = i18n.T(ctx, "err_unknown_module")
		}
	}
	return errs
}

// Spec is the role to save: its catalog permissions and module grants, sorted, once each.
func (f Role) Spec() store.RoleSpec {
	perms := slices.Clone(f.Perms)
	for _, k := range f.Modules {
		perms = append(perms, string(auth.Module(k)))
	}
	slices.Sort(perms)
	return store.RoleSpec{Name: f.Name, Description: f.Description, Permissions: slices.Compact(perms)}
}

// NameDescription checks a group's, project's or role's name (1 to 100
// characters) and description (at most 300).
func NameDescription(ctx context.Context, name, description string) map[string]string {
	errs := map[string]string{}
	Text(ctx, errs, "name", name, true, 100)
	Paragraph(ctx, errs, "description", description, 300)
	return errs
}

// Service checks a service account's name and description as a group's, and
// that the name has a letter or digit to make its login from.
func Service(ctx context.Context, name, description string) map[string]string {
	errs := NameDescription(ctx, name, description)
	if errs["name"] == "" && store.ServiceLogin(name) == "svc." {
		errs["name"] = i18n.T(ctx, "err_service_name")
	}
	return errs
}
