package web

import (
	"context"
	"errors"

	"github.com/console-dev/console/auth"
)

// grantable: see auth.Grantable.
func grantable(p *principal, perms []string) bool {
	return auth.Grantable(p.Account.UserType, p.Perms, perms)
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
	return auth.RolesGrantable(p.Account.UserType, p.Perms, roles, ids, held), nil
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

// typeChangeAllowed: see auth.TypeChangeAllowed.
func typeChangeAllowed(p *principal, from, to string) bool {
	return auth.TypeChangeAllowed(p.Account.UserType, from, to)
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

// errGroupsForbidden: putting someone in groups needs groups.manage.
var errGroupsForbidden = errors.New("web: groups need groups.manage")

// errGroupsBeyondGrant: the groups' roles go beyond the actor's access.
var errGroupsBeyondGrant = errors.New("web: groups beyond the actor's own access")

// groupsGrantable refuses putting someone in groups unless the actor manages
// groups and could give the groups' roles directly: joining gives them.
func (h *Handler) groupsGrantable(ctx context.Context, p *principal, groupIDs []int64) error {
	if len(groupIDs) == 0 {
		return nil
	}
	if !p.Perms.Has(auth.GroupsManage) {
		return errGroupsForbidden
	}
	var roles []int64
	for _, g := range groupIDs {
		ids, err := h.store.GroupRoleIDs(ctx, p.Account.TenantID, g)
		if err != nil {
			return err
		}
		roles = append(roles, ids...)
	}
	if err := h.checkGrant(ctx, p, roles, nil); errors.Is(err, errBeyondGrant) {
		return errGroupsBeyondGrant
	} else if err != nil {
		return err
	}
	return nil
}
