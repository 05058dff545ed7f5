package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrTenantSelf refuses deactivating, moving or otherwise managing as a
// descendant the tenant acted in itself (a root included): nobody locks
// themselves out, and a root has nobody above to reactivate it.
var ErrTenantSelf = errors.New("store: the tenant acted in")

// ErrTenantCycle refuses moving a tenant under itself or one of its descendants.
var ErrTenantCycle = errors.New("store: a tenant cannot move below itself")

// ErrTenantMoveMembers refuses a move that would leave a member of the
// moved subtree coming from a tenant no longer above it: people are shared
// downwards only, whatever moves.
var ErrTenantMoveMembers = errors.New("store: a move would leave members from a tenant no longer above")

// ErrFirstAdmin refuses a first administrator who is not a person of the
// tenant acted in.
var ErrFirstAdmin = errors.New("store: first administrator not found")

// NewTenant is what AddTenant needs: the tenant, its built-in roles, and its
// first administrator, invited (Invite) or an existing person of the tenant
// acted in pushed down (AdminID); neither leaves it to be staffed later.
type NewTenant struct {
	Name, Slug         string
	ParentID           int64
	TimeZone, Currency string
	Roles              []RoleSpec
	Invite             *NewAccount // gets the Tenant Administrator role of the new tenant
	AdminID            int64
}

// TenantChange is what UpdateTenant changes: name, settings and parent.
type TenantChange struct {
	Name               string
	ParentID           int64 // 0 keeps the parent
	TimeZone, Currency string
}

// AddTenant creates a tenant below the tenant by acts in (or below one of its
// descendants) with its built-in roles and its first administrator, under
// by's guard, in one transaction with its audit events.
func (s *Store) AddTenant(ctx context.Context, by Actor, n NewTenant) (Tenant, error) {
	var t Tenant
	err := s.tx(ctx, func(tx *Tx) error {
		watch := false
		if err := tx.serialize(ctx, by.TenantID); err != nil {
			return err
		}
		if by.Guard != nil {
			var err error
			if watch, err = by.Guard.Begin(ctx, View{tx}); err != nil {
				return err
			}
		}
		if err := tx.below(ctx, n.ParentID, by.TenantID, false); err != nil {
			return err
		}
		var err error
		if t, err = tx.createTenant(ctx, n); err != nil {
			return err
		}
		var adminRole int64
		if err := tx.queryRow(ctx, `SELECT id FROM roles WHERE tenant_id = ? AND builtin_key = 'tenant_admin'`, t.ID).
			Scan(&adminRole); err != nil {
			return fmt.Errorf("store: create tenant: administrator role: %w", notFound(err))
		}
		in := Actor{TenantID: t.ID, AccountID: by.AccountID, IP: by.IP}
		switch {
		case n.Invite != nil:
			inv := *n.Invite
			inv.RoleIDs = []int64{adminRole}
			a, err := tx.createAccount(ctx, t.ID, inv)
			if err != nil {
				return err
			}
			if err := tx.audit(ctx, Event{TenantID: t.ID, ActorID: by.AccountID, IP: by.IP, Action: ActionUserInvite,
				TargetType: "account", TargetID: a.ID, Details: map[string]any{"after": profileMap(a, inv.RoleIDs)}}); err != nil {
				return err
			}
		case n.AdminID != 0:
			// The person must be of the tenant acted in, and one the actor
			// may act for as they stand there.
			was, err := tx.access(ctx, by.TenantID, []int64{n.AdminID})
			if err != nil {
				return err
			}
			if a, ok := was[n.AdminID]; !ok || a.Kind != "user" {
				return ErrFirstAdmin
			}
			if watch {
				if err := by.Guard.Judge(ctx, View{tx}, was, was); err != nil {
					return err
				}
			}
			if _, err := tx.setMemberRoles(ctx, in, n.AdminID, []int64{adminRole}); err != nil {
				return err
			}
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionTenantCreate,
			TargetType: "tenant", TargetID: t.ID, Details: map[string]any{"after": tenantMap(t)}})
	})
	return t, err
}

// below checks that tenant id is top or below it (strictly below when
// strict); ErrNotFound otherwise, ErrTenantSelf when strict and id is top.
func (tx *Tx) below(ctx context.Context, id, top int64, strict bool) error {
	ok, err := within(ctx, tx, id, top)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotFound
	}
	if strict && id == top {
		return ErrTenantSelf
	}
	return nil
}

// UpdateTenant renames a tenant, changes its time zone and currency, or moves
// it under another parent: the tenant by acts in itself (never moved) or one
// below it, moved only under the tenant acted in or below it, never under
// itself or its own descendants.
func (s *Store) UpdateTenant(ctx context.Context, by Actor, id int64, c TenantChange) (Tenant, error) {
	var t Tenant
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if err := tx.below(ctx, id, by.TenantID, false); err != nil {
			return err
		}
		before, err := tx.tenant(ctx, id)
		if err != nil {
			return err
		}
		parent := before.ParentID
		if c.ParentID != 0 && (parent == nil || *parent != c.ParentID) {
			if id == by.TenantID {
				return ErrTenantSelf
			}
			if err := tx.below(ctx, c.ParentID, by.TenantID, false); err != nil {
				return err
			}
			if cyc, err := within(ctx, tx, c.ParentID, id); err != nil {
				return err
			} else if cyc {
				return ErrTenantCycle
			}
			parent = &c.ParentID
		}
		if _, err := tx.exec(ctx, `UPDATE tenants SET name = ?, time_zone = ?, currency = ?, parent_id = ? WHERE id = ?`,
			c.Name, c.TimeZone, c.Currency, parent, id); err != nil {
			return fmt.Errorf("store: update tenant: %w", err)
		}
		if moved := before.ParentID == nil || *parent != *before.ParentID; moved {
			if err := tx.membersStillBelow(ctx, id); err != nil {
				return err
			}
		}
		if err := tx.reblock(ctx, id); err != nil {
			return err
		}
		if t, err = tx.tenant(ctx, id); err != nil {
			return err
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionTenantUpdate,
			TargetType: "tenant", TargetID: id, Details: map[string]any{"before": tenantMap(before), "after": tenantMap(t)}})
	})
	return t, err
}

// SetTenantStatus deactivates or reactivates a tenant strictly below the
// tenant by acts in, and recomputes blocked for its whole subtree: a tenant
// is blocked when it or any ancestor is deactivated. Nothing is deleted.
func (s *Store) SetTenantStatus(ctx context.Context, by Actor, id int64, status string) (Tenant, error) {
	var t Tenant
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		if err := tx.below(ctx, id, by.TenantID, true); err != nil {
			return err
		}
		before, err := tx.tenant(ctx, id)
		if err != nil {
			return err
		}
		if before.Status == status {
			t = before
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE tenants SET status = ? WHERE id = ?`, status, id); err != nil {
			return fmt.Errorf("store: tenant status: %w", err)
		}
		if err := tx.reblock(ctx, id); err != nil {
			return err
		}
		if t, err = tx.tenant(ctx, id); err != nil {
			return err
		}
		action := ActionTenantDeactivate
		if status == "active" {
			action = ActionTenantActivate
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: action,
			TargetType: "tenant", TargetID: id, Details: map[string]any{"before": map[string]any{"status": before.Status},
				"after": map[string]any{"status": status}}})
	})
	return t, err
}

// reblock recomputes blocked for the subtree of id from its parent's.
func (tx *Tx) reblock(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `WITH RECURSIVE d(id, b) AS (
			SELECT t.id, CASE WHEN t.status = 'deactivated' OR COALESCE((SELECT p.blocked FROM tenants p WHERE p.id = t.parent_id), 0) = 1
				THEN 1 ELSE 0 END
			FROM tenants t WHERE t.id = ?
			UNION ALL SELECT c.id, CASE WHEN d.b = 1 OR c.status = 'deactivated' THEN 1 ELSE 0 END FROM tenants c JOIN d ON c.parent_id = d.id)
		UPDATE tenants SET blocked = (SELECT b FROM d WHERE d.id = tenants.id) WHERE id IN (SELECT id FROM d)`, id)
	if err != nil {
		return fmt.Errorf("store: tenant blocked: %w", err)
	}
	return nil
}

func (tx *Tx) tenant(ctx context.Context, id int64) (Tenant, error) {
	return scanTenant(tx.queryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = ?`, id))
}

func tenantMap(t Tenant) map[string]any {
	m := map[string]any{"name": t.Name, "slug": t.Slug, "time_zone": t.TimeZone, "currency": t.Currency}
	if t.ParentID != nil {
		m["parent_id"] = *t.ParentID
	}
	return m
}

// membersStillBelow refuses, after a move of tenant id, any member of its
// subtree whose home tenant is neither in the subtree nor above it now.
func (tx *Tx) membersStillBelow(ctx context.Context, id int64) error {
	var sideways bool
	err := tx.queryRow(ctx, `WITH RECURSIVE sub(id) AS (
			SELECT CAST(? AS BIGINT) UNION ALL SELECT t.id FROM tenants t JOIN sub ON t.parent_id = sub.id),
		up(id) AS (SELECT parent_id FROM tenants WHERE id = ?
			UNION ALL SELECT t.parent_id FROM tenants t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL)
		SELECT EXISTS (SELECT 1 FROM tenant_members m JOIN accounts a ON a.id = m.account_id
			WHERE m.tenant_id IN (SELECT id FROM sub)
				AND a.tenant_id NOT IN (SELECT id FROM sub) AND a.tenant_id NOT IN (SELECT id FROM up))`, id, id).Scan(&sideways)
	if err != nil {
		return fmt.Errorf("store: move tenant: %w", err)
	}
	if sideways {
		return ErrTenantMoveMembers
	}
	return nil
}
