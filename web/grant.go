package web

import (
	"github.com/console-dev/console/auth"
)

// grantable: see auth.Grantable.
func grantable(p *principal, perms []string) bool {
	return auth.Grantable(auth.TypeIn(p.Account.UserType, p.home()), p.Perms, perms)
}
