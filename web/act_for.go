package web

import (
	"context"
	"net/http"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// errBeyondAccess refuses acting for an account that holds access the actor
// does not.
var errBeyondAccess = &pageError{status: http.StatusForbidden, key: "err_act_beyond"}

// mayActFor refuses acting for an account (a key for it, its password or
// email, a reset or invitation link) unless the actor holds at least its
// access: each would hand the actor that access. One's own account is fine.
func (h *Handler) mayActFor(ctx context.Context, p *principal, a store.Account) error {
	if a.ID == p.Account.ID || p.Account.UserType == "admin" {
		return nil
	}
	perms, err := h.store.RolePermissions(ctx, a.TenantID, a.ID, a.UserType == "admin")
	if err != nil {
		return err
	}
	if !mayActForPerms(p, a, perms) {
		return errBeyondAccess
	}
	return nil
}

// mayActForPerms is mayActFor with the account's role permissions at hand
// (the sidebar has them already: no query).
func mayActForPerms(p *principal, a store.Account, perms []string) bool {
	return a.ID == p.Account.ID || auth.MayActFor(p.Account.UserType, p.Perms, a.UserType, auth.Effective(a.UserType, perms))
}
