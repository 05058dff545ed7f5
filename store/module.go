package store

import (
	"context"
	"fmt"
	"time"
)

// Module is one of a tenant's product modules; roles grant it as module:<key>.
type Module struct {
	ID          int64
	TenantID    int64
	Key         string
	Name        string
	Description string
	CreatedAt   time.Time
}

// Modules lists a tenant's modules by key.
func (s *Store) Modules(ctx context.Context, tenantID int64) ([]Module, error) {
	rows, err := s.query(ctx, `SELECT id, tenant_id, key, name, description, created_at FROM modules WHERE tenant_id = ? ORDER BY key`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: modules: %w", err)
	}
	defer rows.Close()
	var out []Module
	for rows.Next() {
		var m Module
		var created int64
		if err := rows.Scan(&m.ID, &m.TenantID, &m.Key, &m.Name, &m.Description, &created); err != nil {
			return nil, fmt.Errorf("store: modules: %w", err)
		}
		m.CreatedAt = time.Unix(created, 0).UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreateModule adds a module; a key already used is a Conflict on "key".
func (s *Store) CreateModule(ctx context.Context, by Actor, key, name, description string) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var err error
		id, err = tx.insert(ctx, `INSERT INTO modules (tenant_id, key, name, description, created_at) VALUES (?, ?, ?, ?, ?)`,
			by.TenantID, key, cleanName(name), description, tx.s.unix())
		if err != nil {
			if isUnique(err) {
				return &Conflict{Field: "key"}
			}
			return fmt.Errorf("store: create module: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionModuleCreate,
			TargetType: "module", TargetID: id, Details: map[string]any{"after": map[string]any{"key": key, "name": name, "description": description}}})
	})
	return id, err
}

// UpdateModule renames or describes a module; its key never changes, so roles keep granting it.
func (s *Store) UpdateModule(ctx context.Context, by Actor, id int64, name, description string) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.begin(ctx, by); err != nil {
			return err
		}
		var before Module
		if err := tx.queryRow(ctx, `SELECT key, name, description FROM modules WHERE tenant_id = ? AND id = ?`, by.TenantID, id).
			Scan(&before.Key, &before.Name, &before.Description); err != nil {
			return fmt.Errorf("store: module: %w", notFound(err))
		}
		if _, err := tx.exec(ctx, `UPDATE modules SET name = ?, description = ? WHERE tenant_id = ? AND id = ?`,
			cleanName(name), description, by.TenantID, id); err != nil {
			return fmt.Errorf("store: update module: %w", err)
		}
		return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionModuleUpdate,
			TargetType: "module", TargetID: id, Details: map[string]any{
				"before": map[string]any{"name": before.Name, "description": before.Description},
				"after":  map[string]any{"name": cleanName(name), "description": description}}})
	})
}

// DeleteModule removes a module and every role's access to it.
func (s *Store) DeleteModule(ctx context.Context, by Actor, id int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		if err := tx.serialize(ctx, by.TenantID); err != nil {
			return err
		}
		var key, name string
		if err := tx.queryRow(ctx, `SELECT key, name FROM modules WHERE tenant_id = ? AND id = ?`, by.TenantID, id).Scan(&key, &name); err != nil {
			return fmt.Errorf("store: module: %w", notFound(err))
		}
		// Everyone holding the module loses it: the guard judges each of them.
		return tx.guarded(ctx, by, tx.permHolderIDs(ctx, by.TenantID, "module:"+key), func() error {
			roles, err := ids(tx.query(ctx, `SELECT role_id FROM role_permissions WHERE permission = ?
				AND role_id IN (SELECT id FROM roles WHERE tenant_id = ?) ORDER BY role_id`, "module:"+key, by.TenantID))
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM role_permissions WHERE permission = ? AND role_id IN (SELECT id FROM roles WHERE tenant_id = ?)`,
				"module:"+key, by.TenantID); err != nil {
				return fmt.Errorf("store: delete module: %w", err)
			}
			if _, err := tx.exec(ctx, `DELETE FROM modules WHERE tenant_id = ? AND id = ?`, by.TenantID, id); err != nil {
				return fmt.Errorf("store: delete module: %w", err)
			}
			return tx.audit(ctx, Event{TenantID: by.TenantID, ActorID: by.AccountID, IP: by.IP, Action: ActionModuleDelete,
				TargetType: "module", TargetID: id, Details: map[string]any{"before": map[string]any{"key": key, "name": name},
					"roles_losing_it": roles}})
		})
	})
}
