package web

import (
	"maps"
	"sort"
	"strings"

	"github.com/console-dev/console/auth"
)

// The differential test runs each state-changing operation both doors expose
// (console form, API call) for a matrix of actors and targets, and asks that
// both doors reach the same decision and that it is the one the act-for rule
// gives. This file holds the matrix and the oracle; differential_world_test.go
// the fixtures each actor's rows share, differential_table_test.go how an
// answer is judged and reported; differential_test.go the operations.

// dfCustomRoles are the tenant roles the matrix adds to the built-ins.
var dfCustomRoles = map[string][]string{
	"groups_only": {string(auth.GroupsManage)},
	"keys_only":   {string(auth.APIKeysManage)},
}

// dfRolePerms is what each role key (built-in or custom) grants, as the
// oracle sees it: taken from the role specs, not from the store.
func dfRolePerms() map[string][]string {
	m := map[string][]string{}
	for _, r := range auth.BuiltinRoles() {
		m[r.Key] = r.Permissions
	}
	for k, v := range dfCustomRoles {
		m[k] = v
	}
	return m
}

var dfPerms = dfRolePerms()

// dfEffective is the oracle's effective permissions of a user type holding roles.
func dfEffective(userType string, roles []string) auth.Perms {
	var perms []string
	for _, r := range roles {
		perms = append(perms, dfPerms[r]...)
	}
	return auth.Effective(userType, perms)
}

// dfPerson is an actor or a target: a user type and the roles it holds
// (directly; group roles are added by the operation's fixture).
type dfPerson struct {
	name     string
	userType string
	roles    []string
	other    bool // in another tenant
	service  bool // a service account (targets only)
}

var dfActors = []dfPerson{
	{name: "admin", userType: "admin"},
	{name: "tenant-admin", userType: "standard", roles: []string{"tenant_admin"}},
	{name: "user-manager", userType: "standard", roles: []string{"user_manager"}},
	// holds every read permission as well: waking a dormant account is then
	// refused only by what the account will hold after the change
	{name: "user-manager+auditor", userType: "standard", roles: []string{"user_manager", "auditor"}},
	{name: "groups-only", userType: "standard", roles: []string{"groups_only"}},
	{name: "keys-only", userType: "standard", roles: []string{"keys_only"}},
	{name: "readonly-dormant-ta", userType: "read_only", roles: []string{"tenant_admin"}},
	{name: "auditor", userType: "standard", roles: []string{"auditor"}},
	{name: "no-role", userType: "standard"},
	{name: "other-tenant-admin", userType: "admin", other: true},
}

var dfTargets = []dfPerson{
	{name: "ta-holder", userType: "standard", roles: []string{"tenant_admin"}},
	{name: "user-manager", userType: "standard", roles: []string{"user_manager"}},
	{name: "no-role", userType: "standard"},
	{name: "readonly-dormant-ta", userType: "read_only", roles: []string{"tenant_admin"}},
	{name: "admin", userType: "admin", roles: []string{"auditor"}}, // a direct role, so clearing roles changes something
}

// dfServiceTargets are the service accounts of the service-account
// operations: an application is always a Standard account.
var dfServiceTargets = []dfPerson{
	{name: "svc-ta-holder", userType: "standard", roles: []string{"tenant_admin"}, service: true},
	{name: "svc-user-manager", userType: "standard", roles: []string{"user_manager"}, service: true},
	{name: "svc-no-role", userType: "standard", service: true},
}

// dfState is what the oracle needs of an account before or after a change:
// its user type and every role it holds (direct and through groups).
type dfState struct {
	userType string
	roles    []string
	gone     bool // deleted: holds nothing after
}

// dfExpect applies the rule: the route's permission; nobody acts in another
// tenant; only an Admin acts for an Admin (before or after the change); and
// otherwise the actor holds every permission the account holds before and
// after the change.
func dfExpect(actor dfPerson, perm auth.Permission, before, after dfState, indirect bool) (bool, string) {
	if actor.other {
		return false, "other tenant"
	}
	held := dfEffective(actor.userType, actor.roles)
	if !held.Has(perm) {
		return false, "lacks " + string(perm)
	}
	if actor.userType == "admin" {
		return true, "admin"
	}
	if indirect && !after.gone && before.userType == after.userType &&
		maps.Equal(dfConsole(before), dfConsole(after)) {
		return true, "access unchanged"
	}
	if before.userType == "admin" || (!after.gone && after.userType == "admin") {
		return false, "only an Admin acts for an Admin"
	}
	need := dfEffective(before.userType, before.roles)
	if !after.gone {
		for p := range dfEffective(after.userType, after.roles) {
			need[p] = true
		}
	}
	var missing []string
	for p := range need {
		if _, isModule := auth.IsModule(p); !isModule && !held.Has(p) {
			missing = append(missing, string(p))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return false, "lacks " + strings.Join(missing, ",")
	}
	return true, "holds all"
}

// dfConsole is an account's effective permissions without module access.
func dfConsole(s dfState) auth.Perms {
	out := dfEffective(s.userType, s.roles)
	maps.DeleteFunc(out, func(p auth.Permission, _ bool) bool { _, mod := auth.IsModule(p); return mod })
	return out
}
