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
