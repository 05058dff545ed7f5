package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// A service provider's user manages customers: memberships of tenants below
// the provider, each with its own roles, given from the provider in one go
// (creating the person, or from their sidebar) rather than tenant by tenant.

// Managed is one customer a person manages and the roles they hold there.
type Managed struct {
	TenantID int64
	RoleIDs  []int64
	// Remove ends the membership (nothing when there is none).
	Remove bool
}

// ManagedRefusal names the entry (by its index) of a managed-customers
// change that was refused and the field at fault: "tenant_id" for a tenant
// not below the acting one, "role_ids" for a role that is not that tenant's
// or one the actor may not give. Err is why (ErrNotFound, ErrUnknownRole, or
// the guard's refusal).
type ManagedRefusal struct {
	Index int
	Field string
	Err   error
}

func (e *ManagedRefusal) Error() string {
	return fmt.Sprintf("store: managed customer %d: %s: %v", e.Index, e.Field, e.Err)
}

func (e *ManagedRefusal) Unwrap() error { return e.Err }

// SetManaged sets the customers a person of the tenant by acts in manages:
// each entry's tenant must be below by's, and the person a user of by's
// tenant (at home or a member). The person is judged by by's guard in by's
// tenant; the permissions of every role given or taken away in a customer
// are put to it as grants. One transaction with the audit events: one in
// each customer changed, one in by's tenant.
func (s *Store) SetManaged(ctx context.Context, by Actor, accountID int64, managed []Managed) error {
	return s.tx(ctx, func(tx *Tx) error {
		return tx.guarded(ctx, by, these(accountID), func() error {
			return tx.setManaged(ctx, by, accountID, managed)
		})
	})
}

// CreateManagedAccount creates an account as CreateAccount does and gives it
// its managed customers in the same transaction: nothing is written unless all is.
func (s *Store) CreateManagedAccount(ctx context.Context, by Actor, n NewAccount, managed []Managed) (Account, error) {
	var a Account
	err := s.tx(ctx, func(tx *Tx) error {
		var err error
		if a, err = tx.newAccount(ctx, by, n); err != nil {
			return err
		}
		return tx.guarded(ctx, by, these(a.ID), func() error {
			return tx.setManaged(ctx, by, a.ID, managed)
		})
	})
	return a, err
}

func (tx *Tx) setManaged(ctx context.Context, by Actor, accountID int64, managed []Managed) error {
	var kind string
	err := tx.queryRow(ctx, `SELECT a.kind FROM accounts a WHERE a.id = ? AND `+ofTenant, accountID, by.TenantID, by.TenantID).Scan(&kind)
	if err != nil {
		return fmt.Errorf("store: managed: %w", notFound(err))
	}
	if kind != "user" {
		return ErrNotFound
	}
	var tenants []int64
	for _, m := range managed {
		tenants = append(tenants, m.TenantID)
	}
	below, err := tx.belowOf(ctx, by.TenantID, tenants)
	if err != nil {
		return err
	}
	extra := map[string]any{"by_tenant_id": by.TenantID}
	var added bool
	type row struct {
		TenantID int64   `json:"tenant_id"`
		Before   []int64 `json:"before"`
		After    []int64 `json:"after"`
	}
	var changed []row
	for i, m := range managed {
		if !below[m.TenantID] {
			return &ManagedRefusal{Index: i, Field: "tenant_id", Err: ErrNotFound}
		}
		var r row
		r.TenantID = m.TenantID
		// The person's standing in the customer, before and after, is
		// judged too: taking away or changing what they hold there,
		// through their roles or the customer's groups, is the actor's only
		// when the actor holds at least as much.
		was, err := tx.access(ctx, m.TenantID, []int64{accountID})
		if err != nil {
			return err
		}
		if m.Remove {
			before, err := tx.dropMember(ctx, by, m.TenantID, accountID, extra)
			if errors.Is(err, ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			r.Before, r.After = before, []int64{}
		} else {
			c, err := tx.putMember(ctx, by, m.TenantID, accountID, m.RoleIDs, true, extra)
			switch {
			case errors.Is(err, ErrUnknownRole):
				return &ManagedRefusal{Index: i, Field: "role_ids", Err: err}
			case err != nil:
				return err
			}
			added = added || c.added
			if !c.added && slices.Equal(c.before, c.after) {
				continue
			}
			r.Before, r.After = c.before, c.after
		}
		// What changes hands in the customer must be the actor's to give (or take).
		if err := tx.grantRolesOf(ctx, by, m.TenantID, symmetricDiff(r.Before, r.After)); err != nil {
			return &ManagedRefusal{Index: i, Field: "role_ids", Err: err}
		}
		if by.Guard != nil {
			now, err := tx.access(ctx, m.TenantID, []int64{accountID})
			if err != nil {
				return err
			}
			if err := by.Guard.Judge(ctx, View{tx}, was, now); err != nil {
				return &ManagedRefusal{Index: i, Field: "role_ids", Err: err}
			}
		}
		changed = append(changed, r)
	}
	if added {
		var home int64
		if err := tx.queryRow(ctx, `SELECT tenant_id FROM accounts WHERE id = ?`, accountID).Scan(&home); err != nil {
			return fmt.Errorf("store: managed: %w", err)
		}
		if err := tx.writeTerms(ctx, home, accountID); err != nil {
			return err
		}
	}
	if len(changed) == 0 {
		return nil
	}
	return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserManaged,
		TargetType: "account", TargetID: accountID, Details: map[string]any{"customers": changed}})
}

// belowOf reports which of ids are tenants strictly below tenantID: one statement.
func (tx *Tx) belowOf(ctx context.Context, tenantID int64, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, downTree+` SELECT id FROM down WHERE id <> ?`, tenantID, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: tenants below: %w", err)
	}
	defer rows.Close()
	all := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: tenants below: %w", err)
		}
		all[id] = true
	}
	for _, id := range ids {
		out[id] = all[id]
	}
	return out, rows.Err()
}

func symmetricDiff(a, b []int64) []int64 {
	var out []int64
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}

// ManagedCustomer is one tenant below the one acted in, as the Managed
// customers table shows it: its roles, and whether and with which roles the
// person is a member there.
type ManagedCustomer struct {
	Tenant Tenant
	Depth  int // 1 for a customer, 2 for its sub-tenant...
	Roles  []Role
	Member bool
	Held   []int64 // the person's direct roles there, sorted
}

// ManagedCustomers lists every tenant below tenantID in tree order with its
// roles and the account's membership and direct roles there: three
// statements whatever the number of tenants.
func (s *Store) ManagedCustomers(ctx context.Context, tenantID, accountID int64) ([]ManagedCustomer, error) {
	rows, err := s.query(ctx, downTree+` SELECT down.depth, t.id, t.parent_id, t.root_id, t.name, t.slug, t.status, t.blocked,
			t.time_zone, t.currency, EXISTS (SELECT 1 FROM tenant_members m WHERE m.tenant_id = t.id AND m.account_id = ?)
		FROM down JOIN tenants t ON t.id = down.id WHERE down.depth > 0 ORDER BY down.path`, tenantID, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: managed customers: %w", err)
	}
	var out []ManagedCustomer
	at := map[int64]int{}
	for rows.Next() {
		var m ManagedCustomer
		t := &m.Tenant
		var parent *int64
		if err := rows.Scan(&m.Depth, &t.ID, &parent, &t.RootID, &t.Name, &t.Slug, &t.Status, &t.Blocked, &t.TimeZone,
			&t.Currency, &m.Member); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: managed customers: %w", err)
		}
		t.ParentID = parent
		at[t.ID] = len(out)
		out = append(out, m)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("store: managed customers: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	roles, err := scanRoles(s.query(ctx, downTree+` SELECT `+roleColumns+` FROM roles r JOIN down ON down.id = r.tenant_id
		WHERE down.depth > 0 ORDER BY r.tenant_id, r.builtin_key IS NULL, r.id`, tenantID))
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		out[at[r.TenantID]].Roles = append(out[at[r.TenantID]].Roles, r)
	}
	rows, err = s.query(ctx, downTree+` SELECT ar.tenant_id, ar.role_id FROM account_roles ar JOIN down ON down.id = ar.tenant_id
		WHERE down.depth > 0 AND ar.account_id = ? ORDER BY ar.tenant_id, ar.role_id`, tenantID, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: managed customers: held: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t, r int64
		if err := rows.Scan(&t, &r); err != nil {
			return nil, fmt.Errorf("store: managed customers: held: %w", err)
		}
		out[at[t]].Held = append(out[at[t]].Held, r)
	}
	return out, rows.Err()
}
