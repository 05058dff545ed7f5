package ops

import (
	"context"
	"strings"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// NewService is a service account as a front door posts it.
type NewService struct {
	Name, Description string
	RoleIDs, GroupIDs []int64
}

// CreateServiceAccount creates an application's account with roles and
// groups. The roles, and the roles the groups give (joining gives them), must
// be the actor's to give; groups need groups.manage. Refusals name the field:
// role_ids or group_ids.
func (o *Ops) CreateServiceAccount(ctx context.Context, p Principal, n NewService) (store.ServiceAccount, error) {
	n.Name = strings.TrimSpace(n.Name)
	n.Description = strings.TrimSpace(strings.ReplaceAll(n.Description, "\r\n", "\n"))
	if err := invalid(form.Service(ctx, n.Name, n.Description)); err != nil {
		return store.ServiceAccount{}, err
	}
	roles, err := IDs(ctx, "role_ids", n.RoleIDs)
	if err != nil {
		return store.ServiceAccount{}, err
	}
	groups, err := IDs(ctx, "group_ids", n.GroupIDs)
	if err != nil {
		return store.ServiceAccount{}, err
	}
	if err := o.mayGive(ctx, p, roles, groups); err != nil {
		return store.ServiceAccount{}, err
	}
	sa, err := o.st.CreateServiceAccount(ctx, p.by(auth.APIKeysManage, true), store.NewServiceAccount{Name: n.Name,
		Description: n.Description, RoleIDs: roles, GroupIDs: groups})
	return sa, grantRefused(ctx, err, "")
}

// mayGive checks a new account's roles and groups against the actor's access.
func (o *Ops) mayGive(ctx context.Context, p Principal, roleIDs, groupIDs []int64) error {
	actor, err := o.st.AccountIn(ctx, p.TenantID, p.AccountID)
	if err != nil {
		return errForbidden
	}
	perms, err := o.perms(ctx, p, actor)
	if err != nil {
		return err
	}
	if len(groupIDs) > 0 && !perms.Has(auth.GroupsManage) {
		return &Error{Kind: Forbidden, Key: "api_err_groups_manage",
			Fields: map[string]string{"group_ids": i18n.T(ctx, "api_err_groups_manage")}}
	}
	if auth.TypeIn(actor.UserType, actor.TenantID == p.TenantID) == "admin" && p.Ceiling == nil {
		return nil
	}
	roles, err := o.st.Roles(ctx, p.TenantID)
	if err != nil {
		return err
	}
	beyond := func(field string, ids []int64) error {
		if auth.RolesGrantable("standard", perms, roles, ids, nil) {
			return nil
		}
		return &Error{Kind: Forbidden, Key: "err_grant_beyond", Fields: map[string]string{field: i18n.T(ctx, "err_grant_beyond")}}
	}
	if err := beyond("role_ids", roleIDs); err != nil {
		return err
	}
	var given []int64
	for _, g := range groupIDs {
		ids, err := o.st.GroupRoleIDs(ctx, p.TenantID, g)
		if err != nil {
			return err
		}
		given = append(given, ids...)
	}
	return beyond("group_ids", given)
}
