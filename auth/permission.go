// Package auth holds passwords, sessions, sign-in throttling and the permission
// catalog with the computation of an account's effective permissions.
package auth

import (
	"slices"
	"strings"

	"github.com/console-dev/console/store"
)

// Permission names something an account may do in a tenant.
type Permission string

// The catalog. A route names one of these, or Public or SignedIn.
const (
	UsersView      Permission = "users.view"
	UsersManage    Permission = "users.manage"
	GroupsManage   Permission = "groups.manage"
	RolesManage    Permission = "roles.manage"
	ProjectsView   Permission = "projects.view"
	ProjectsManage Permission = "projects.manage"
	APIKeysManage  Permission = "apikeys.manage"
	ReportsView    Permission = "reports.view"
	AuditView      Permission = "audit.view"
	TenantSettings Permission = "tenant.settings"
	TenantsManage  Permission = "tenants.manage"
	Public         Permission = "public"    // anyone, signed in or not
	SignedIn       Permission = "signed-in" // any signed-in account, whatever its roles
)

// PermissionInfo describes a catalog entry; Write permissions are removed from read-only users.
type PermissionInfo struct {
	Key   Permission
	Area  string
	Write bool
}

// Catalog lists every permission in display order.
var Catalog = []PermissionInfo{
	{UsersView, "users", false},
	{UsersManage, "users", true},
	{GroupsManage, "users", true},
	{RolesManage, "users", true},
	{ProjectsView, "projects", false},
	{ProjectsManage, "projects", true},
	{APIKeysManage, "integrations", true},
	{ReportsView, "audit", false},
	{AuditView, "audit", false},
	{TenantSettings, "tenant", true},
	{TenantsManage, "tenant", true},
}

// Known reports whether p is in the catalog.
func Known(p Permission) bool {
	return slices.ContainsFunc(Catalog, func(i PermissionInfo) bool { return i.Key == p })
}

// ModulePrefix starts a permission granting access to a product module.
const ModulePrefix = "module:"

// Module is the permission granting access to the module with this key.
func Module(key string) Permission { return Permission(ModulePrefix + key) }

// IsModule reports whether p grants a module, and which.
func IsModule(p Permission) (string, bool) { return strings.CutPrefix(string(p), ModulePrefix) }

// isWrite: module access is access, not a change; unknown permissions count
// as writes, so a read-only account is denied them by default.
func isWrite(p Permission) bool {
	if _, ok := IsModule(p); ok {
		return false
	}
	i := slices.IndexFunc(Catalog, func(i PermissionInfo) bool { return i.Key == p })
	return i < 0 || Catalog[i].Write
}

// BuiltinRoles are seeded in every new tenant.
func BuiltinRoles() []store.RoleSpec {
	all := make([]string, 0, len(Catalog))
	for _, p := range Catalog {
		all = append(all, string(p.Key))
	}
	return []store.RoleSpec{
		{Key: "tenant_admin", Name: "Tenant Administrator", Permissions: all},
		{Key: "user_manager", Name: "User Manager", Permissions: []string{"users.view", "users.manage", "groups.manage", "reports.view"}},
		{Key: "project_manager", Name: "Project Manager", Permissions: []string{"users.view", "projects.view", "projects.manage"}},
		{Key: "auditor", Name: "Auditor", Permissions: []string{"users.view", "projects.view", "reports.view", "audit.view"}},
		{Key: "member", Name: "Member", Permissions: []string{"projects.view"}},
	}
}

// Perms is an account's effective permission set in one tenant.
type Perms map[Permission]bool

// Has reports whether the set grants p; Public and SignedIn are checked by the caller.
func (p Perms) Has(perm Permission) bool { return p[perm] }

// Effective computes permissions from the user type and the union of the
// account's role permissions: Admin grants all, Read-only strips every write.
func Effective(userType string, rolePerms []string) Perms {
	out := Perms{}
	if userType == "admin" {
		for _, i := range Catalog {
			out[i.Key] = true
		}
		for _, r := range rolePerms { // and the modules its roles open
			if _, ok := IsModule(Permission(r)); ok {
				out[Permission(r)] = true
			}
		}
		return out
	}
	for _, r := range rolePerms {
		p := Permission(r)
		if userType == "read_only" && isWrite(p) {
			continue
		}
		out[p] = true
	}
	return out
}

// TypeIn is an account's user type in a tenant it acts in: the Admin type
// holds in its home tenant only; a member elsewhere (a person pushed down, a
// service provider's user in a customer) has the roles it holds there, and
// Read-only stays Read-only everywhere.
func TypeIn(userType string, home bool) string {
	if userType == "admin" && !home {
		return "standard"
	}
	return userType
}
