package web

import (
	"context"
	"errors"
	"slices"

	"github.com/console-dev/console/auth"
)

// grantable reports whether p may give away every permission in perms. An
// Admin may give anything; anyone else only permissions they hold themselves,
// so nobody can raise their own access, or a friend's, above their own.
// Module access is product access, not console administration: whoever may
// give roles may give it.
func grantable(p *principal, perms []string) bool {
	if p.Account.UserType == "admin" {
		return true
	}
	for _, x := range perms {
		if _, ok := auth.IsModule(auth.Permission(x)); ok {
			continue
		}
		if !p.Perms.Has(auth.Permission(x)) {
			return false
		}
	}
	return true
}

// rolesGrantable checks the roles being added (ids not already in held).
func (h *Handler) rolesGrantable(ctx context.Context, p *principal, ids, held []int64) (bool, error) {
	if p.Account.UserType == "admin" {
		return true, nil
	}
	roles, err := h.store.Roles(ctx, p.Account.TenantID)
	if err != nil {
		return false, err
	}
	var perms []string
	for _, r := range roles {
		if slices.Contains(ids, r.ID) && !slices.Contains(held, r.ID) {
			perms = append(perms, r.Permissions...)
		}
	}
	return grantable(p, perms), nil
}

// directRoleIDs are the roles an account holds directly.
func (h *Handler) directRoleIDs(ctx context.Context, tenantID, accountID int64) ([]int64, error) {
	held, err := h.store.AccountRoles(ctx, tenantID, []int64{accountID})
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, r := range held[accountID] {
		out = append(out, r.ID)
	}
	return out, nil
}

// typeChangeAllowed: only an Admin makes or unmakes Admins.
func typeChangeAllowed(p *principal, from, to string) bool {
	return p.Account.UserType == "admin" || (from != "admin" && to != "admin")
}

// errBeyondGrant refuses giving access the actor does not hold.
var errBeyondGrant = errors.New("web: beyond the actor's own access")

// checkGrant returns errBeyondGrant when the roles being added go beyond p's access.
func (h *Handler) checkGrant(ctx context.Context, p *principal, ids, held []int64) error {
	ok, err := h.rolesGrantable(ctx, p, ids, held)
	if err == nil && !ok {
		err = errBeyondGrant
	}
	return err
}
