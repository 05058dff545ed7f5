package api

import (
	"context"
	"net/http"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// errBeyondAccess refuses changing an account that holds access the caller
// does not.
var errBeyondAccess = problem(http.StatusForbidden, "err_beyond_access")

// mayActFor refuses changing an account (its email, status, roles, keys, or
// deleting it) unless the caller holds at least its access: an email changed
// is a password reset away from taking the account, and stopping an Admin's
// keys or account is an Admin's call. One's own account is fine.
func (a *API) mayActFor(ctx context.Context, cl *caller, target store.Account) error {
	if target.ID == cl.Account.ID || cl.Account.UserType == "admin" {
		return nil
	}
	perms, err := a.store.RolePermissions(ctx, target.TenantID, target.ID, target.UserType == "admin")
	if err != nil {
		return err
	}
	if !auth.MayActFor(cl.Account.UserType, cl.Perms, target.UserType, auth.Effective(target.UserType, perms)) {
		return errBeyondAccess
	}
	return nil
}
