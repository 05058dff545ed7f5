package ops

import (
	"context"
	"errors"
	"fmt"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/i18n"
	"github.com/console-dev/console/ops/form"
	"github.com/console-dev/console/store"
)

// MaxManaged is the most customers one save may name.
const MaxManaged = 1000

// SetManaged sets the customers a person of the tenant p acts in manages,
// and the roles they get in each (an entry with Remove ends that
// membership): users.manage and act-for on the person, judged in p's
// tenant; each customer below it; each role that customer's and, given or
// taken away, within p's own access in p's tenant. All or nothing.
func (o *Ops) SetManaged(ctx context.Context, p Principal, accountID int64, rows []form.Managed) error {
	m, err := managedInput(ctx, rows, true)
	if err != nil {
		return err
	}
	return managedRefused(ctx, o.st.SetManaged(ctx, p.by(auth.UsersManage, true), accountID, m))
}

// createAccount creates the account, with its managed customers in the same
// transaction when it has any.
func (o *Ops) createAccount(ctx context.Context, p Principal, n store.NewAccount, rows []form.Managed) (store.Account, error) {
	if len(rows) == 0 {
		a, err := o.st.CreateAccount(ctx, p.by(auth.UsersManage, true), n)
		return a, lockRefused(err)
	}
	m, err := managedInput(ctx, rows, false)
	if err != nil {
		return store.Account{}, err
	}
	a, err := o.st.CreateManagedAccount(ctx, p.by(auth.UsersManage, true), n, m)
	return a, lockRefused(managedRefused(ctx, err))
}

// ManagedField names entry i's field as the operations refuse it.
func ManagedField(i int, field string) string {
	return fmt.Sprintf("managed_customers[%d].%s", i, field)
}

// managedInput checks the entries: how many, positive tenant ids named once
// each, role id lists; removing is for changing an existing person only.
func managedInput(ctx context.Context, rows []form.Managed, removing bool) ([]store.Managed, error) {
	if len(rows) > MaxManaged {
		return nil, invalid(map[string]string{"managed_customers": i18n.T(ctx, "managed_err_too_many", map[string]any{"Max": MaxManaged})})
	}
	out := make([]store.Managed, 0, len(rows))
	seen := map[int64]bool{}
	for i, r := range rows {
		field := ManagedField(i, "tenant_id")
		switch {
		case r.TenantID <= 0:
			return nil, fieldError(ctx, field, "managed_err_customer")
		case seen[r.TenantID]:
			return nil, fieldError(ctx, field, "managed_err_duplicate")
		case r.Remove && !removing:
			return nil, fieldError(ctx, field, "managed_err_customer")
		}
		seen[r.TenantID] = true
		roles, err := IDs(ctx, ManagedField(i, "role_ids"), r.RoleIDs)
		if err != nil {
			return nil, err
		}
		out = append(out, store.Managed{TenantID: r.TenantID, RoleIDs: roles, Remove: r.Remove})
	}
	return out, nil
}

// managedRefused names the entry the store refused: a customer not below the
// tenant acted in (404), a role not that customer's (422), or one beyond the
// actor's access (403).
func managedRefused(ctx context.Context, err error) error {
	var r *store.ManagedRefusal
	if !errors.As(err, &r) {
		return err
	}
	field := ManagedField(r.Index, r.Field)
	switch {
	case r.Field == "tenant_id":
		return &Error{Kind: NotFound, Key: "managed_err_customer", Fields: map[string]string{field: i18n.T(ctx, "managed_err_customer")}}
	case errors.Is(err, store.ErrUnknownRole):
		return &Error{Kind: Invalid, Key: "err_unknown_role", Fields: map[string]string{field: i18n.T(ctx, "err_unknown_role")}}
	}
	if e, ok := As(r.Err); ok && e.Kind == Forbidden {
		return &Error{Kind: Forbidden, Key: "err_grant_beyond", Fields: map[string]string{field: i18n.T(ctx, "err_grant_beyond")}}
	}
	return r.Err
}
