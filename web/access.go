package web

import (
	"context"
	"slices"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/store"
	"github.com/console-dev/console/views"
)

// accessVM says what an account (or a group, with userType "standard") may
// do and why: each role with its source, the permissions they add up to after
// the user type, and the modules they open.
func accessVM(ctx context.Context, userType string, held []store.HeldRole, roles []store.Role, modules []store.Module) views.Access {
	perms := map[int64][]string{}
	for _, r := range roles {
		perms[r.ID] = r.Permissions
	}
	acc := views.Access{UserType: userType}
	var union []string
	for _, h := range held {
		acc.Roles = append(acc.Roles, views.AccessRole{Label: roleLabel(ctx, h.BuiltinKey, h.Name), RoleID: h.RoleID, GroupID: h.GroupID, GroupName: h.GroupName,
			ExpiresAt: h.ExpiresAt})
		union = append(union, perms[h.RoleID]...)
	}
	eff := auth.Effective(userType, union)
	for _, p := range auth.Catalog {
		if eff.Has(p.Key) {
			acc.Permissions = append(acc.Permissions, i18n.T(ctx, permKey(p.Key)))
		}
	}
	for _, m := range modules {
		if eff.Has(auth.Module(m.Key)) || userType == "admin" {
			acc.Modules = append(acc.Modules, m.Name)
		}
	}
	slices.Sort(acc.Modules)
	return acc
}

// permKey is the catalog key naming a permission: users.view → perm_users_view.
func permKey(p auth.Permission) string { return "perm_" + strings.ReplaceAll(string(p), ".", "_") }
