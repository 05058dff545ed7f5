package ops

import (
	"context"
	"errors"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// CreateGroup creates a group: a name of 1 to 100 characters, unique in the
// tenant whatever its case, and a description of at most 300.
func (o *Ops) CreateGroup(ctx context.Context, p Principal, name, description string) (store.Group, error) {
	if err := invalid(form.NameDescription(ctx, name, description)); err != nil {
		return store.Group{}, err
	}
	return o.st.CreateGroup(ctx, p.by(auth.GroupsManage, false), name, description)
}

// UpdateGroup renames a group or changes its description.
func (o *Ops) UpdateGroup(ctx context.Context, p Principal, id int64, name, description string) (store.Group, error) {
	if err := invalid(form.NameDescription(ctx, name, description)); err != nil {
		return store.Group{}, err
	}
	g, err := o.st.UpdateGroup(ctx, p.by(auth.GroupsManage, false), id, name, description)
	return g, lockRefused(err)
}

// DeleteGroup deletes a group. While it has members the delete must be
// confirmed: confirmMembers is the member count the actor was shown and
// agreed to lose the group's access (0: not confirmed, refused with
// *store.InUse naming the count; a count that moved meanwhile is refused the
// same way, to be confirmed again). Its members lose its roles, so each of
// them whose access changes must be within the actor's; nothing else of
// theirs changes.
func (o *Ops) DeleteGroup(ctx context.Context, p Principal, id int64, confirmMembers int) error {
	err := lockRefused(o.st.DeleteGroup(ctx, p.by(auth.GroupsManage, true), id, max(confirmMembers, 0)))
	if errors.Is(err, store.ErrGroupTooLarge) {
		return &Error{Kind: Conflict, Key: "err_group_too_large", Data: map[string]any{"Max": i18n.Num(ctx, store.MaxBulkMembers)}}
	}
	return err
}

// SetGroupRoles replaces a group's roles: the permissions the group gains
// must be the actor's to give (whoever joins later gets them), and every
// member whose access changes within the actor's; both judged in the
// transaction.
func (o *Ops) SetGroupRoles(ctx context.Context, p Principal, groupID int64, roleIDs []int64) error {
	roles, err := IDs(ctx, "role_ids", roleIDs)
	if err != nil {
		return err
	}
	return o.st.SetGroupRoles(ctx, p.by(auth.GroupsManage, false), groupID, roles)
}

// perms is what p may do: its account's effective permissions within its
// key's ceiling.
func (o *Ops) perms(ctx context.Context, p Principal, a store.Account) (auth.Perms, error) {
	userType := auth.TypeIn(a.UserType, a.TenantID == p.TenantID) // a member's Admin type stays home
	held, err := o.st.RolePermissions(ctx, p.TenantID, a.ID, userType == "admin")
	if err != nil {
		return nil, err
	}
	return auth.Effective(userType, held).Within(p.Ceiling), nil
}

// holds reports whether p's account, within p's ceiling, has perm.
func (o *Ops) holds(ctx context.Context, p Principal, perm auth.Permission) (bool, error) {
	actor, err := o.st.AccountIn(ctx, p.TenantID, p.AccountID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	perms, err := o.perms(ctx, p, actor)
	return err == nil && perms.Has(perm), err
}

// AddMembers puts accounts in a group. Joining gives the group's roles, so
// each account's access after joining must be within the actor's.
func (o *Ops) AddMembers(ctx context.Context, p Principal, groupID int64, accountIDs []int64) (store.Group, error) {
	ids, err := IDs(ctx, "account_ids", accountIDs)
	if err != nil {
		return store.Group{}, err
	}
	g, err := o.st.AddMembers(ctx, p.by(auth.GroupsManage, true), groupID, ids)
	return g, lockRefused(err)
}

// RemoveMembers takes accounts out of a group: only those whose access the
// actor holds (taking access away follows the act-for rule too).
func (o *Ops) RemoveMembers(ctx context.Context, p Principal, groupID int64, accountIDs []int64) (store.Group, error) {
	ids, err := IDs(ctx, "account_ids", accountIDs)
	if err != nil {
		return store.Group{}, err
	}
	g, err := o.st.RemoveMembers(ctx, p.by(auth.GroupsManage, true), groupID, ids)
	return g, lockRefused(err)
}

// RemoveMatchingMembers takes every member of a group matching a search
// out of it (every member for ""), in one transaction: expect is how many
// the actor was shown; a different count now, or more than
// store.MaxBulkMembers, changes nothing. Each member is judged as by
// RemoveMembers, and the removal is audited as one.
func (o *Ops) RemoveMatchingMembers(ctx context.Context, p Principal, groupID int64, q string, expect int) (store.Group, error) {
	g, err := o.st.RemoveMatchingMembers(ctx, p.by(auth.GroupsManage, true), groupID, q, expect)
	return g, lockRefused(err)
}
