package auth

import (
	"slices"

	"github.com/console-dev/console/store"
)

// Grantable reports whether an account of userType holding held may give away
// every permission in give. An Admin may give anything; anyone else only
// permissions they hold themselves, so nobody can raise their own access, or
// a friend's, above their own; module access too (a User Manager without a
// module cannot open it to anyone, themselves included). The operations ask
// this.
func Grantable(userType string, held Perms, give []string) bool {
	if userType == "admin" {
		return true
	}
	for _, x := range give {
		if !held.Has(Permission(x)) {
			return false
		}
	}
	return true
}

// RolesGrantable checks the roles being given: those of ids not already in
// current, looked up among the tenant's roles.
func RolesGrantable(userType string, held Perms, roles []store.Role, ids, current []int64) bool {
	var give []string
	for _, r := range roles {
		if slices.Contains(ids, r.ID) && !slices.Contains(current, r.ID) {
			give = append(give, r.Permissions...)
		}
	}
	return Grantable(userType, held, give)
}

// TypeChangeAllowed: only an Admin makes or unmakes Admins.
func TypeChangeAllowed(actorType, from, to string) bool {
	return actorType == "admin" || (from != "admin" && to != "admin")
}

// MayActFor reports whether an actor may act for a target account: make it
// a key (which acts with its permissions), set its password or email, send it
// a reset or invitation link. Each would hand the actor the target's access,
// so only an Admin acts for an Admin, and anyone else only for an account
// that holds nothing they do not.
func MayActFor(actorType string, actorPerms Perms, targetType string, targetPerms Perms) bool {
	if actorType == "admin" {
		return true
	}
	if targetType == "admin" {
		return false
	}
	give := make([]string, 0, len(targetPerms))
	for p := range targetPerms {
		give = append(give, string(p))
	}
	return Grantable(actorType, actorPerms, give)
}
