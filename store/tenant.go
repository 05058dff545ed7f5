package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Tenant is a customer of the product; tenants form a tree.
type Tenant struct {
	ID        int64
	ParentID  *int64
	RootID    int64
	Name      string
	Slug      string
	Status    string // active or deactivated
	Blocked   bool   // deactivated, or below a deactivated tenant
	TimeZone  string // of its people who chose none
	Currency  string // of its people who chose none
	CreatedAt time.Time
	// Provisioning is its provisioning mode (ProvisioningConsole or
	// ProvisioningExternal), read with the tenant so pages need no query.
	Provisioning string
}

// RoleSpec describes a role to create: a built-in (Key set) or a tenant's own.
type RoleSpec struct {
	Key         string
	Name        string
	Description string
	Permissions []string
}

// CreateTenant creates a tenant under parentID (0 for a root) with its
// built-in roles, in one transaction.
func (s *Store) CreateTenant(ctx context.Context, name, slug string, parentID int64, roles []RoleSpec) (Tenant, error) {
	var t Tenant
	err := s.tx(ctx, func(tx *Tx) error {
		var err error
		t, err = tx.createTenant(ctx, NewTenant{Name: name, Slug: slug, ParentID: parentID, Roles: roles})
		return err
	})
	return t, err
}

func (tx *Tx) createTenant(ctx context.Context, n NewTenant) (Tenant, error) {
	if err := tx.serialize(ctx, n.ParentID); err != nil {
		return Tenant{}, err
	}
	name, slug, parentID := n.Name, n.Slug, n.ParentID
	if n.TimeZone == "" {
		n.TimeZone = "UTC"
	}
	if n.Currency == "" {
		n.Currency = "USD"
	}
	now := tx.s.unix()
	t := Tenant{Name: name, Slug: slug, Status: "active", TimeZone: n.TimeZone, Currency: n.Currency, CreatedAt: time.Unix(now, 0).UTC()}
	var parent sql.NullInt64
	if parentID != 0 {
		parent = sql.NullInt64{Int64: parentID, Valid: true}
		t.ParentID = &parentID
		if err := tx.queryRow(ctx, `SELECT root_id FROM tenants WHERE id = ?`, parentID).Scan(&t.RootID); err != nil {
			return t, fmt.Errorf("store: create tenant: parent: %w", notFound(err))
		}
	}
	var blocked bool
	if parentID != 0 {
		if err := tx.queryRow(ctx, `SELECT blocked FROM tenants WHERE id = ?`, parentID).Scan(&blocked); err != nil {
			return t, fmt.Errorf("store: create tenant: parent: %w", err)
		}
	}
	t.Blocked = blocked
	var err error
	t.ID, err = tx.insert(ctx, `INSERT INTO tenants (parent_id, root_id, name, slug, time_zone, currency, blocked, created_at)
		VALUES (?, 0, ?, ?, ?, ?, ?, ?)`, parent, name, slug, n.TimeZone, n.Currency, blocked, now)
	if err != nil {
		if isUnique(err) {
			return t, &Conflict{Field: "slug"}
		}
		return t, fmt.Errorf("store: create tenant: %w", err)
	}
	if parentID == 0 {
		t.RootID = t.ID
	}
	if _, err := tx.exec(ctx, `UPDATE tenants SET root_id = ? WHERE id = ?`, t.RootID, t.ID); err != nil {
		return t, fmt.Errorf("store: create tenant: %w", err)
	}
	for _, r := range n.Roles {
		if _, err := tx.insertRole(ctx, t.ID, r); err != nil {
			return t, err
		}
	}
	return t, nil
}

func (tx *Tx) insertRole(ctx context.Context, tenantID int64, r RoleSpec) (int64, error) {
	var key sql.NullString
	if r.Key != "" {
		key = sql.NullString{String: r.Key, Valid: true}
	}
	now := tx.s.unix()
	id, err := tx.insert(ctx, `INSERT INTO roles (tenant_id, builtin_key, name, name_key, description, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, tenantID, key, cleanName(r.Name), nameKey(r.Name), r.Description, now, now)
	if err != nil {
		if isUnique(err) {
			return 0, &Conflict{Field: "name"}
		}
		return 0, fmt.Errorf("store: create role: %w", err)
	}
	return id, tx.writePermissions(ctx, id, r.Permissions)
}

func (tx *Tx) writePermissions(ctx context.Context, roleID int64, perms []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM role_permissions WHERE role_id = ?`, roleID); err != nil {
		return fmt.Errorf("store: role permissions: %w", err)
	}
	for _, p := range perms {
		if _, err := tx.exec(ctx, `INSERT INTO role_permissions (role_id, permission) VALUES (?, ?) ON CONFLICT DO NOTHING`, roleID, p); err != nil {
			return fmt.Errorf("store: role permissions: %w", err)
		}
	}
	return nil
}

const tenantColumns = `id, parent_id, root_id, name, slug, status, blocked, time_zone, currency, created_at, provisioning`

// Tenant returns one tenant.
func (s *Store) Tenant(ctx context.Context, id int64) (Tenant, error) {
	return scanTenant(s.queryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = ?`, id))
}

func scanTenant(row scanner) (Tenant, error) {
	var t Tenant
	var parent sql.NullInt64
	var created int64
	err := row.Scan(&t.ID, &parent, &t.RootID, &t.Name, &t.Slug, &t.Status, &t.Blocked, &t.TimeZone, &t.Currency, &created, &t.Provisioning)
	if err != nil {
		return t, fmt.Errorf("store: tenant: %w", notFound(err))
	}
	if parent.Valid {
		t.ParentID = &parent.Int64
	}
	t.CreatedAt = time.Unix(created, 0).UTC()
	return t, nil
}

// TenantCount is how many tenants exist, to detect a first start.
func (s *Store) TenantCount(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM tenants`).Scan(&n)
	return n, err
}

// TenantBySlug finds a tenant by its slug.
func (s *Store) TenantBySlug(ctx context.Context, slug string) (Tenant, error) {
	var id int64
	if err := s.queryRow(ctx, `SELECT id FROM tenants WHERE slug = ?`, slug).Scan(&id); err != nil {
		return Tenant{}, fmt.Errorf("store: tenant: %w", notFound(err))
	}
	return s.Tenant(ctx, id)
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
