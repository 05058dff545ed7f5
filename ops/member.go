package ops

import (
	"context"
	"errors"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// SetMemberRoles pushes a person of an ancestor tenant down into the tenant
// p acts in with exactly roleIDs, or changes the roles of someone already a
// member there; it reports whether the membership is new. The guard judges
// it in the transaction: users.manage, the act-for rule on what the person
// holds here before and after (so what is given must be the actor's to
// give), and reach (nobody acts for a person whose home is above theirs).
// A person of this tenant, of a descendant or of a sibling cannot be pushed
// up or sideways: the refusal says where they belong.
func (o *Ops) SetMemberRoles(ctx context.Context, p Principal, accountID int64, roleIDs []int64) (bool, error) {
	roles, err := IDs(ctx, "role_ids", roleIDs)
	if err != nil {
		return false, err
	}
	added, err := o.st.SetMemberRoles(ctx, p.by(auth.UsersManage, true), accountID, roles)
	if errors.Is(err, store.ErrPushUp) {
		return false, o.pushUp(ctx, p, accountID)
	}
	return added, err
}

// RemoveMember ends a member's membership of the tenant p acts in: their
// roles, groups, projects and keys here go; their home account stays.
func (o *Ops) RemoveMember(ctx context.Context, p Principal, accountID int64) error {
	if accountID == p.AccountID {
		return errSelfMember
	}
	return o.st.RemoveMember(ctx, p.by(auth.UsersManage, true), accountID)
}

var errSelfMember = refuse(Conflict, "err_member_remove_self")

// pushUp explains a refused membership, naming the person and their home
// tenant only when the actor may see them (their home is the actor's or
// below it); anyone else is not found, so ids of other branches stay secret.
func (o *Ops) pushUp(ctx context.Context, p Principal, accountID int64) error {
	who, err := o.st.PersonAnywhere(ctx, accountID)
	if err != nil {
		return err
	}
	home := p.HomeTenantID
	if home == 0 {
		home = p.TenantID
	}
	if ok, err := o.st.Within(ctx, who.TenantID, home); err != nil {
		return err
	} else if !ok {
		return store.ErrNotFound
	}
	data := map[string]any{"Name": who.Name(), "Tenant": who.HomeName}
	if who.TenantID == p.TenantID {
		return &Error{Kind: Conflict, Key: "err_member_home", Data: data}
	}
	return &Error{Kind: Conflict, Key: "err_member_push_up", Data: data}
}
