package ops

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// errSessionsSelf: one's own browsers are ended from My account, which keeps
// the one in use.
var errSessionsSelf = refuse(Conflict, "err_sessions_self")

// EndUserSessions signs a person out of every browser ("Sign out
// everywhere" on the user page). Ending someone's sessions is acting for
// them: the guard refuses an actor who lacks any of their permissions.
func (o *Ops) EndUserSessions(ctx context.Context, p Principal, id int64) (int64, error) {
	a, err := o.st.Account(ctx, p.TenantID, id)
	switch {
	case err != nil:
		return 0, err
	case a.Kind != "user":
		return 0, store.ErrNotFound
	case a.ID == p.AccountID:
		return 0, errSessionsSelf
	}
	return o.st.EndAccountSessions(ctx, p.by(auth.UsersManage, true), a.ID)
}
